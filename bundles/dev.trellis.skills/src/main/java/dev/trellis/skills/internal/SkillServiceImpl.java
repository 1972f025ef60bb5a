package dev.trellis.skills.internal;

import dev.trellis.api.memory.BlockAddress;
import dev.trellis.api.memory.Scope;
import dev.trellis.api.skills.Skill;
import dev.trellis.api.skills.SkillAdmin;
import dev.trellis.api.skills.SkillError;
import dev.trellis.api.skills.SkillException;
import dev.trellis.api.skills.SkillInfo;
import dev.trellis.api.skills.SkillMetadata;
import dev.trellis.api.skills.SkillParseError;
import dev.trellis.api.skills.SkillService;
import dev.trellis.api.skills.SkillSource;
import dev.trellis.api.skills.SkillSourceStatus;
import dev.trellis.api.skills.TrustTier;
import dev.trellis.api.skills.UsageStats;
import dev.trellis.skills.internal.parse.SkillFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link SkillService} and {@link SkillAdmin} over the bundle's {@link SkillsCore}. */
@Component(service = {SkillService.class, SkillAdmin.class})
public final class SkillServiceImpl implements SkillService, SkillAdmin {

    private final SkillsCore core;

    @Activate
    public SkillServiceImpl(@Reference(name = "core") SkillsCore core) {
        this.core = Objects.requireNonNull(core, "core");
    }

    @Override
    public List<SkillInfo> list(Scope scope) {
        return core.catalog().list(Objects.requireNonNull(scope, "scope"));
    }

    @Override
    public Optional<SkillMetadata> metadata(Scope scope, String handle) {
        return get(scope, handle).map(Skill::metadata);
    }

    @Override
    public Optional<Skill> get(Scope scope, String handle) {
        return core.catalog().get(scope, handle);
    }

    @Override
    public String load(Scope scope, String handle, String agentId) {
        return core.catalog().load(scope, handle, agentId);
    }

    @Override
    public List<SkillInfo> search(Scope scope, String query, int limit) {
        return core.catalog().search(Objects.requireNonNull(scope, "scope"), query, limit);
    }

    @Override
    public UsageStats usage(String handle) {
        return core.catalog().usage(handle);
    }

    @Override
    public UsageStats usage(Scope scope, String handle) {
        return core.catalog().usage(scope, handle);
    }

    @Override
    public Skill parse(String file, String text, SkillSource source) {
        Objects.requireNonNull(source, "source");
        var doc = SkillFiles.parse(Objects.requireNonNull(file, "file"), Objects.requireNonNull(text, "text"));
        return core.catalog().assemble(doc.name(), doc, source, file);
    }

    @Override
    public List<SkillSourceStatus> sources() {
        List<SkillSourceStatus> out = new ArrayList<>();
        for (SourceRegistry.Source s : core.sources().all()) {
            TreeSet<String> handles = new TreeSet<>();
            s.wanted().keySet().forEach(n -> handles.add(SkillNames.display(s.space().address(n))));
            // a broken file keeps its last good block, if it ever had one
            s.keep().stream().map(n -> s.space().address(n)).filter(a -> core.catalog().resolve(a.scope(), a.label()).isPresent())
                    .forEach(a -> handles.add(SkillNames.display(a)));
            out.add(new SkillSourceStatus(s.id(), s.tier(), s.location(), s.space().scope(), List.copyOf(handles),
                    s.problems()));
        }
        TreeSet<String> adHoc = new TreeSet<>();
        List<SkillParseError> broken = new ArrayList<>();
        core.catalog().all((address, skill) -> {
            if (skill.source() instanceof SkillSource.AdHoc) {
                adHoc.add(SkillNames.display(address));
            }
        }, (address, e) -> broken.add(malformed(address, e)));
        out.add(new SkillSourceStatus("ad-hoc", TrustTier.AD_HOC, "skill blocks written at run time (tools, memory,"
                + " console) and skill blocks edited outside their source", SkillNames.SHARED, List.copyOf(adHoc), broken));
        return out;
    }

    private static SkillParseError malformed(BlockAddress address, SkillException e) {
        return e.error() instanceof SkillError.Malformed m ? m.error()
                : new SkillParseError(address.toString(), 0, 0, e.getMessage());
    }

    @Override
    public long pluginInstalledTierWithoutPlugin() {
        return core.catalog().declaredPluginTierCount();
    }
}
