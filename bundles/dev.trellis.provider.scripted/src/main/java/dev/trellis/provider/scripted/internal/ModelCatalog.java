package dev.trellis.provider.scripted.internal;

import dev.trellis.api.model.ModelId;
import dev.trellis.api.model.ModelInfo;
import dev.trellis.provider.scripted.internal.play.Selection;
import dev.trellis.provider.scripted.internal.script.Location;
import dev.trellis.provider.scripted.internal.script.ScriptException;
import dev.trellis.provider.scripted.internal.script.ScriptParser;
import dev.trellis.provider.scripted.internal.script.ScriptedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The scripted models, merged from script files (in the configured order) and factory configurations (by
 * PID). A definition that cannot be used is reported with its location and changes nothing: the models it
 * defined before stay. Lookups read an immutable snapshot without locking; changes are synchronized.
 */
final class ModelCatalog {

    /** What a script file gave last time it was read. */
    private static final class FileState {
        FileTime modified;
        long size = -1;
        boolean missingReported;
        Map<String, Selection> models = Map.of();
        Optional<String> problem = Optional.empty();
    }

    private record Definition(String name, Optional<Selection> model, Optional<String> problem) {
    }

    private record View(Map<String, Selection> models, Map<String, String> broken, List<String> problems) {
    }

    private final Problems log;
    private final Map<Path, FileState> files = new LinkedHashMap<>();
    private final Map<String, Definition> definitions = new TreeMap<>();
    private volatile View view = new View(Map.of(), Map.of(), List.of());

    ModelCatalog(Problems log) {
        this.log = log;
    }

    /** Sets the script files to read (in order) and reads those that changed. */
    synchronized void useFiles(List<Path> paths) {
        files.keySet().retainAll(paths);
        for (Path p : paths) {
            files.computeIfAbsent(p, k -> new FileState());
        }
        rescan();
    }

    /** Reads the script files whose time stamp or size changed since the last read. */
    synchronized void rescan() {
        boolean changed = false;
        for (Map.Entry<Path, FileState> e : files.entrySet()) {
            changed |= read(e.getKey(), e.getValue());
        }
        if (changed || view.models().isEmpty() && view.broken().isEmpty()) {
            rebuild();
        }
    }

    private boolean read(Path path, FileState state) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (!state.missingReported) {
                state.missingReported = true;
                log.warn("scripted: script file " + path + " does not exist"
                        + (state.models.isEmpty() ? "" : "; its models " + state.models.keySet() + " are gone")
                        + ". It is read again when it appears.");
            }
            boolean had = !state.models.isEmpty() || state.problem.isPresent();
            state.models = Map.of();
            state.problem = Optional.empty();
            state.modified = null;
            state.size = -1;
            return had;
        } catch (IOException e) {
            return problem(state, path + ": cannot be read: " + e.getMessage());
        }
        state.missingReported = false;
        if (attrs.lastModifiedTime().equals(state.modified) && attrs.size() == state.size) {
            return false;
        }
        state.modified = attrs.lastModifiedTime();
        state.size = attrs.size();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return problem(state, path + ": cannot be read: " + e.getMessage());
        }
        ScriptParser.FileScript script = ScriptParser.parseFile(path.toString(), text);
        if (script.fatal().isPresent()) {
            return problem(state, script.fatal().get().getMessage());
        }
        Map<String, Selection> loaded = new LinkedHashMap<>();
        for (ScriptedModel m : script.models()) {
            loaded.put(m.name(), new Selection(m));
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ScriptException> p : script.problems().entrySet()) {
            problems.add(p.getValue().getMessage());
            // a model whose new definition is broken keeps its previous one
            Selection before = state.models.get(p.getKey());
            if (before != null) {
                loaded.put(p.getKey(), before);
            }
        }
        state.models = Collections.unmodifiableMap(loaded);
        state.problem = problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
        for (String p : problems) {
            log.warn("scripted: " + p + " (the model is not loaded; a version loaded before stays in use)");
        }
        log.info("scripted: loaded " + script.models().size() + " model(s) from " + path + ": "
                + script.models().stream().map(ScriptedModel::name).toList());
        return true;
    }

    private boolean problem(FileState state, String message) {
        state.problem = Optional.of(message);
        log.warn("scripted: " + message + (state.models.isEmpty() ? ""
                : " (keeping the " + state.models.size() + " model(s) loaded from it before: " + state.models.keySet() + ")"));
        return true;
    }

    /** Defines the model of a factory configuration; a broken script keeps the configuration's previous model. */
    synchronized void define(String pid, String name, String script) {
        String source = "configuration " + pid + ", property 'script'";
        Definition before = definitions.get(pid);
        Definition now;
        try {
            if (script.isBlank()) {
                throw new ScriptException(new Location(source, 0, ""),
                        "is empty; give the model's turns as YAML or JSON");
            }
            ScriptedModel m = ScriptParser.parseModel(source, name, script);
            now = new Definition(name, Optional.of(new Selection(m)), Optional.empty());
            log.info("scripted: model '" + name + "' defined by configuration " + pid);
        } catch (ScriptException e) {
            Optional<Selection> keep = before != null && before.name().equals(name) ? before.model() : Optional.empty();
            now = new Definition(name, keep, Optional.of(e.getMessage()));
            log.warn("scripted: " + e.getMessage() + (keep.isPresent() ? " (the previous definition stays in use)"
                    : " (model '" + name + "' is not available)"));
        }
        definitions.put(pid, now);
        rebuild();
    }

    synchronized void undefine(String pid) {
        if (definitions.remove(pid) != null) {
            rebuild();
        }
    }

    private void rebuild() {
        Map<String, Selection> models = new LinkedHashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Path, FileState> f : files.entrySet()) {
            f.getValue().problem.ifPresent(problems::add);
            for (Map.Entry<String, Selection> m : f.getValue().models.entrySet()) {
                add(models, origin, m.getKey(), m.getValue(), f.getKey().toString());
            }
        }
        for (Map.Entry<String, Definition> d : definitions.entrySet()) {
            Definition def = d.getValue();
            def.problem().ifPresent(problems::add);
            if (def.model().isPresent()) {
                add(models, origin, def.name(), def.model().get(), "configuration " + d.getKey());
            } else if (!models.containsKey(def.name())) {
                broken.put(def.name(), def.problem().orElse("not defined"));
            }
        }
        view = new View(Collections.unmodifiableMap(models), Collections.unmodifiableMap(broken), List.copyOf(problems));
    }

    private void add(Map<String, Selection> models, Map<String, String> origin, String name, Selection model,
            String from) {
        if (ScriptParser.RESERVED.contains(name)) {
            return;
        }
        String first = origin.putIfAbsent(name, from);
        if (first != null) {
            log.warn("scripted: model '" + name + "' is defined by " + first + " and by " + from + "; using the one from "
                    + first);
            return;
        }
        models.put(name, model);
    }

    Optional<Selection> find(String name) {
        return Optional.ofNullable(view.models().get(name));
    }

    /** Why {@code name} cannot be played, for a BadRequest message. */
    String missing(String name) {
        View v = view;
        String broken = v.broken().get(name);
        if (broken != null) {
            return "scripted model '" + name + "' is not available: " + broken;
        }
        List<String> names = new ArrayList<>(List.of("echo"));
        names.addAll(v.models().keySet());
        return "scripted has no model '" + name + "' (models: " + String.join(", ", names) + ")"
                + (v.problems().isEmpty() ? "" : "; scripts with problems: " + String.join("; ", v.problems()));
    }

    List<ModelInfo> infos() {
        List<ModelInfo> out = new ArrayList<>();
        for (Selection s : view.models().values()) {
            out.add(new ModelInfo(new ModelId("scripted", s.model().name()), s.model().description(),
                    OptionalInt.empty(), true, true));
        }
        return out;
    }

    /** Problems of the current definitions, one line each. */
    List<String> problems() {
        return view.problems();
    }
}
