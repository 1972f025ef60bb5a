package dev.trellis.skills.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.BlockCreate;
import dev.trellis.api.memory.BlockMetadata;
import dev.trellis.api.memory.Permission;
import dev.trellis.api.memory.Schema;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.memory.Tier;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.tool.CapabilityClass;
import dev.trellis.api.tool.Tool;
import dev.trellis.api.tool.ToolCall;
import dev.trellis.api.tool.ToolResult;
import dev.trellis.skills.internal.parse.SkillDocument;
import dev.trellis.skills.internal.parse.SkillFiles;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The skill tools offered to agents (reference §4 {@code Pattern.Skills}), one Tool service each. */
public final class SkillTools {

    private SkillTools() {
    }

    static final int DEFAULT_SEARCH_LIMIT = 10;

    @Component(service = Tool.class, property = Tool.NAME + "=skill_list")
    public static final class ListSkills extends SkillTool {
        @Activate
        public ListSkills(@Reference(name = "core") SkillsCore core) {
            super(core, "skill_list", "Lists the skills you can load (handle, name, description, trust tier, keywords,"
                    + " last use) as JSON, ordered by name.",
                    "{\"type\":\"object\",\"properties\":{" + SCOPE_PROPERTY + "}}", CapabilityClass.OBSERVE);
        }

        @Override
        ToolResult run(Args args, ToolCall call) {
            return ToolResult.ok(write(infos(core.catalog().list(args.scope()))));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=skill_metadata")
    public static final class Metadata extends SkillTool {
        @Activate
        public Metadata(@Reference(name = "core") SkillsCore core) {
            super(core, "skill_metadata", "The front matter of a skill (name, trust tier, description, keywords, hooks,"
                    + " extras) as JSON, without loading it; null if the handle names no skill.",
                    "{\"type\":\"object\",\"properties\":{" + HANDLE_PROPERTY + "," + SCOPE_PROPERTY
                            + "},\"required\":[\"handle\"]}", CapabilityClass.OBSERVE);
        }

        @Override
        ToolResult run(Args args, ToolCall call) {
            return ToolResult.ok(core.catalog().get(args.scope(), args.text("handle"))
                    .map(s -> write(metadata(s.metadata()))).orElse("null"));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=skill_load")
    public static final class Load extends SkillTool {
        @Activate
        public Load(@Reference(name = "core") SkillsCore core) {
            super(core, "skill_load", "Loads a skill: returns its instructions between [skill:loaded] and"
                    + " [skill:loaded:end]; they stay in the conversation. Loading twice gives two copies.",
                    "{\"type\":\"object\",\"properties\":{" + HANDLE_PROPERTY + "," + SCOPE_PROPERTY
                            + "},\"required\":[\"handle\"]}", CapabilityClass.OBSERVE);
        }

        @Override
        ToolResult run(Args args, ToolCall call) {
            return ToolResult.ok(core.catalog().load(args.scope(), args.text("handle"), call.agentId()));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=skill_search")
    public static final class Search extends SkillTool {
        @Activate
        public Search(@Reference(name = "core") SkillsCore core) {
            super(core, "skill_search", "Full-text search (BM25) over skill names, descriptions, keywords and bodies;"
                    + " best first, as JSON like skill_list.",
                    "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\",\"description\":\"words to find;"
                            + " \\\"phrases\\\", OR and prefix* work too\"},\"limit\":{\"type\":\"integer\",\"minimum\":1,"
                            + "\"maximum\":200}," + SCOPE_PROPERTY + "},\"required\":[\"query\"]}",
                    CapabilityClass.OBSERVE);
        }

        @Override
        ToolResult run(Args args, ToolCall call) {
            List<SkillInfo> found = core.catalog().search(args.scope(), args.text("query"),
                    args.optInt("limit", DEFAULT_SEARCH_LIMIT, 1, 200));
            return ToolResult.ok(write(infos(found)));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=skill_usage")
    public static final class Usage extends SkillTool {
        @Activate
        public Usage(@Reference(name = "core") SkillsCore core) {
            super(core, "skill_usage", "How often a skill was loaded on this install, when last and by whom, as JSON"
                    + " ({\"use_count\":0,...} if never).",
                    "{\"type\":\"object\",\"properties\":{" + HANDLE_PROPERTY + "," + SCOPE_PROPERTY
                            + "},\"required\":[\"handle\"]}", CapabilityClass.OBSERVE);
        }

        @Override
        ToolResult run(Args args, ToolCall call) {
            return ToolResult.ok(write(usage(core.catalog().usage(args.scope(), args.text("handle")))));
        }
    }

    @Component(service = Tool.class, property = Tool.NAME + "=skill_create")
    public static final class Create extends SkillTool {
        @Activate
        public Create(@Reference(name = "core") SkillsCore core) {
            super(core, "skill_create", "Creates an ad-hoc skill from skill text ('---', YAML front matter with at least"
                    + " name, '---', Markdown instructions). It is stored as <scope>/ad-hoc/<name> with trust tier ad-hoc.",
                    "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\",\"description\":\"the whole skill"
                            + " file\"}," + SCOPE_PROPERTY + "},\"required\":[\"text\"]}", CapabilityClass.MUTATE_INTERNAL);
        }

        @Override
        ToolResult run(Args args, ToolCall call) {
            Scope scope = args.scope();
            BlockAddress address = createAdHoc(core, scope, args.text("text"), "tool call " + call.callId());
            return ToolResult.ok("created skill " + address.label() + " in " + scope.key() + " (trust tier ad-hoc);"
                    + " load it with skill_load {\"handle\": \"" + address.label() + "\""
                    + (scope.equals(SkillNames.SHARED) ? "" : ", \"scope\": \"" + scope.key() + "\"") + "}");
        }
    }

    /**
     * Stores skill text as an ad-hoc skill block {@code <scope>/ad-hoc/<name>}.
     *
     * @param file how errors name the text
     * @throws dev.trellis.api.skills.SkillException {@code Malformed} with the location in the text
     * @throws dev.trellis.api.memory.MemoryException {@code AlreadyExists} and the other create errors
     */
    static BlockAddress createAdHoc(SkillsCore core, Scope scope, String text, String file) {
        SkillDocument d = SkillFiles.parse(file, text);
        String normalized = SkillFiles.normalize(text);
        BlockAddress address = SkillNames.adHoc(scope, d.name());
        core.memory().create(new BlockCreate(address, Tier.WORKING, Schema.SKILL, d.description().orElse(""),
                Math.max(BlockMetadata.DEFAULT_CHAR_LIMIT, normalized.length()), Permission.DEFAULT, false, normalized));
        return address;
    }
}
