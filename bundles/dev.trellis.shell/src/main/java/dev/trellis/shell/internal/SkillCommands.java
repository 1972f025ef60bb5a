package dev.trellis.shell.internal;

import dev.trellis.api.memory.Scope;
import dev.trellis.api.skills.Skill;
import dev.trellis.api.skills.SkillAdmin;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.SkillService;
import dev.trellis.api.skills.SkillSource;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.UsageStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo command {@code trellis:skills}: without arguments the sources (with their trust tiers), broken
 * files with their location and the shared skills; {@code list [scope]}, {@code search <query> [scope]},
 * {@code show <handle> [scope]}, {@code usage <handle> [scope]}, {@code sources}, {@code problems}.
 * Read-only: showing a skill does not count as loading it.
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=trellis",
        "osgi.command.function=skills"})
public final class SkillCommands {

    static final String USAGE = "usage: trellis:skills [list [scope] | search <query> [scope] | show <handle> [scope]"
            + " | usage <handle> [scope] | sources | problems]";
    static final int SEARCH_LIMIT = 20;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SkillService skills;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SkillAdmin admin;

    public SkillCommands() {
    }

    SkillCommands(SkillService skills, SkillAdmin admin) {
        this.skills = skills;
        this.admin = admin;
    }

    @Descriptor("skill sources and trust tiers, broken skill files, and the shared skills")
    public String skills() {
        List<SkillSourceStatus> sources = admin().sources();
        return sources(sources) + "\n" + problems(sources) + "\n" + list(service().list(SkillService.SHARED));
    }

    @Descriptor("skills: list | sources | problems")
    public String skills(@Descriptor("list, sources or problems") String what) {
        return switch (what) {
            case "list" -> list(service().list(SkillService.SHARED));
            case "sources" -> sources(admin().sources());
            case "problems" -> problems(admin().sources());
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    @Descriptor("skills: list <scope> | search <query> | show <handle> | usage <handle> (seen from the shared scope)")
    public String skills(@Descriptor("list, search, show or usage") String what, @Descriptor("scope, query or handle") String arg) {
        return switch (what) {
            case "list" -> list(service().list(Scope.parse(arg)));
            default -> skills(what, arg, SkillService.SHARED.key());
        };
    }

    @Descriptor("skills: search <query> <scope> | show <handle> <scope> | usage <handle> <scope>")
    public String skills(@Descriptor("search, show or usage") String what, @Descriptor("query or handle") String arg,
            @Descriptor("scope to look from, local:<project> or global:<persona>") String scope) {
        Scope s = Scope.parse(scope);
        return switch (what) {
            case "search" -> {
                if (arg.isBlank()) {
                    throw new IllegalArgumentException("search needs a query, e.g. trellis:skills search login");
                }
                yield "Search '" + arg + "' from " + s.key() + ":\n" + list(service().search(s, arg, SEARCH_LIMIT));
            }
            case "show" -> show(service().get(s, arg).orElseThrow(() -> new IllegalArgumentException("no skill '" + arg
                    + "' is visible from " + s.key() + " (trellis:skills list " + s.key() + " lists them)")),
                    service().usage(s, arg));
            case "usage" -> usage(service().usage(s, arg));
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    static String list(List<SkillInfo> skills) {
        if (skills.isEmpty()) {
            return "No skills.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (SkillInfo s : skills) {
            rows.add(List.of(s.handle(), s.trustTier().id(), s.lastUsed().map(ShellFormat::time).orElse("never"),
                    s.description().orElse("")));
        }
        return ShellFormat.table(List.of("HANDLE", "TIER", "LAST USED", "DESCRIPTION"), rows)
                + skills.size() + (skills.size() == 1 ? " skill\n" : " skills\n");
    }

    static String sources(List<SkillSourceStatus> sources) {
        List<List<String>> rows = new ArrayList<>();
        for (SkillSourceStatus s : sources) {
            rows.add(List.of(s.id(), s.tier().id(), Integer.toString(s.handles().size()),
                    Integer.toString(s.problems().size()), s.scope().key(), s.location()));
        }
        return ShellFormat.table(List.of("SOURCE", "TIER", "SKILLS", "PROBLEMS", "SCOPE", "READS"), rows);
    }

    /** One line per broken file, in the compiler form {@code file:line:column: message}. */
    static String problems(List<SkillSourceStatus> sources) {
        StringBuilder sb = new StringBuilder();
        for (SkillSourceStatus s : sources) {
            for (SkillParseError p : s.problems()) {
                sb.append(s.id()).append(": ").append(p).append('\n');
            }
        }
        return sb.isEmpty() ? "No broken skill files.\n" : "Broken skill files:\n" + sb;
    }

    static String show(Skill skill, UsageStats usage) {
        var m = skill.metadata();
        StringBuilder sb = new StringBuilder("Skill ").append(skill.handle()).append('\n');
        field(sb, "name", m.name());
        field(sb, "trust tier", m.trustTier().id());
        field(sb, "source", switch (skill.source()) {
            case SkillSource.FirstParty f -> "first-party";
            case SkillSource.Plugin p -> "plugin " + p.plugin().value();
            case SkillSource.Project p -> "project " + p.project().id() + ", file " + p.path();
            case SkillSource.AdHoc a -> "ad-hoc";
        });
        field(sb, "description", m.description().orElse(""));
        field(sb, "keywords", String.join(", ", m.keywords()));
        m.hooksJson().ifPresent(h -> field(sb, "hooks", h));
        m.sourcePlugin().ifPresent(p -> field(sb, "plugin", p.value()));
        m.extras().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> field(sb, e.getKey(), e.getValue()));
        field(sb, "loads", usage.useCount() + usage.lastUsed().map(t -> ", last " + ShellFormat.time(t)
                + usage.lastUsedBy().map(b -> " by " + b).orElse("")).orElse(""));
        sb.append("\nInstructions:\n");
        for (String line : skill.body().split("\n", -1)) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    static String usage(UsageStats u) {
        return u.handle() + ": " + u.useCount() + (u.useCount() == 1 ? " load" : " loads")
                + u.lastUsed().map(t -> ", last " + ShellFormat.time(t) + u.lastUsedBy().map(b -> " by " + b).orElse(""))
                        .orElse("") + "\n";
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append("  ").append(String.format("%-13s", name)).append(value).append('\n');
    }

    private SkillService service() {
        return available(skills);
    }

    private SkillAdmin admin() {
        return available(admin);
    }

    private static <T> T available(T service) {
        if (service == null) {
            throw new IllegalStateException("the skill service is not available: is dev.trellis.skills (and memory) active?"
                    + " (lb trellis)");
        }
        return service;
    }
}
