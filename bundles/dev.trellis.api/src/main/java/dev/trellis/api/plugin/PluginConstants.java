package dev.trellis.api.plugin;

/**
 * Manifest headers and service properties shared by the host and plugins. Service-specific
 * properties live on their service interface ({@code Tool.NAME}, {@code ModelProvider.PROVIDER_ID},
 * {@code MessageChannel.NAME}).
 */
public final class PluginConstants {

    /**
     * Manifest header naming a folder inside the bundle whose {@code *.md} files (and
     * {@code <name>/SKILL.md} folders) are installed as skills of trust tier
     * {@code plugin-installed} while the bundle is active. Example: {@code Trellis-Skills: skills}.
     */
    public static final String SKILLS_HEADER = "Trellis-Skills";

    /** Prefix of the bundle symbolic names of Trellis' own bundles. */
    public static final String HOST_BUNDLE_PREFIX = "dev.trellis.";

    private PluginConstants() {
    }
}
