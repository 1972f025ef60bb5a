package dev.trellis.provider.scripted.internal.play;

import dev.trellis.api.model.StopReason;
import dev.trellis.api.model.StreamEvent;
import dev.trellis.provider.scripted.internal.script.Step;
import dev.trellis.provider.scripted.internal.script.Template;
import dev.trellis.provider.scripted.internal.script.Turn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns a chosen turn (or the echo) into the exact list of actions a stream plays: placeholders filled in,
 * text split into deltas, tool-call ids made up, usage counted, the stop reason last. Done before the stream
 * starts, so the stream itself only sends and waits.
 */
public final class Rehearsal {

    public static final String PROVIDER = "scripted";

    private Rehearsal() {
    }

    /** The echo: the last user message in word deltas, then usage, then {@code end_turn}. */
    public static List<Action> echo(Conversation c, Duration pause) {
        List<Action> out = new ArrayList<>();
        for (String word : Words.split(c.lastUser())) {
            emit(out, new StreamEvent.TextDelta(word), pause);
        }
        emit(out, new StreamEvent.Usage(Words.tokens(c.inputChars()), Words.tokens(c.lastUser().length()), 0, 0), pause);
        emit(out, new StreamEvent.Stop(StopReason.END_TURN), pause);
        return out;
    }

    /** The actions of {@code chosen} for a request to {@code scripted/<model>}. */
    public static List<Action> turn(Selection.Chosen chosen, Conversation c, String model, String instance,
            Duration pause) {
        UnaryOperator<String> values = name -> switch (name) {
            case "user" -> c.lastUser();
            case "tool" -> c.lastToolText();
            case "index" -> Integer.toString(c.index());
            case "model" -> PROVIDER + "/" + model;
            case "instance" -> instance;
            default -> {
                int g = Integer.parseInt(name) - 1;
                yield g < chosen.groups().size() ? chosen.groups().get(g) : "";
            }
        };
        Turn turn = chosen.turn();
        List<Action> out = new ArrayList<>();
        long outputChars = 0;
        boolean usageGiven = false;
        int calls = 0;
        for (Step step : turn.reply()) {
            switch (step) {
                case Step.Say s -> {
                    for (String d : deltas(s.deltas(), s.words(), values)) {
                        emit(out, new StreamEvent.TextDelta(d), pause);
                        outputChars += d.length();
                    }
                }
                case Step.Think t -> {
                    List<String> deltas = deltas(t.deltas(), t.words(), values);
                    for (int i = 0; i < deltas.size(); i++) {
                        Optional<String> signature = i == deltas.size() - 1 ? t.signature() : Optional.empty();
                        emit(out, new StreamEvent.ThinkingDelta(deltas.get(i), signature), pause);
                        outputChars += deltas.get(i).length();
                    }
                }
                case Step.Call call -> {
                    int index = calls++;
                    String id = call.id().map(t -> t.render(values)).orElse("call_" + c.index() + "_" + index);
                    String json = call.arguments().render(values);
                    emit(out, new StreamEvent.ToolCallStart(index, id, call.name()), pause);
                    // two fragments, so consumers have to join them as they must for real providers
                    int half = json.length() / 2;
                    if (half > 0) {
                        emit(out, new StreamEvent.ToolCallDelta(index, json.substring(0, half)), pause);
                    }
                    emit(out, new StreamEvent.ToolCallDelta(index, json.substring(half)), pause);
                    emit(out, new StreamEvent.ToolCallEnd(index), pause);
                    outputChars += call.name().length() + json.length();
                }
                case Step.Usage u -> {
                    emit(out, new StreamEvent.Usage(u.input(), u.output(), u.cacheRead(), u.cacheWrite()), pause);
                    usageGiven = true;
                }
                case Step.Delay d -> out.add(new Action.Pause(d.pause()));
                case Step.Fail f -> out.add(new Action.Fail(f.error().toError(PROVIDER, model)));
            }
        }
        if (!turn.fails()) {
            if (!usageGiven) {
                emit(out, new StreamEvent.Usage(Words.tokens(c.inputChars()), Words.tokens(outputChars), 0, 0), pause);
            }
            emit(out, new StreamEvent.Stop(turn.stop()), pause);
        }
        return out;
    }

    private static List<String> deltas(List<Template> parts, boolean words, UnaryOperator<String> values) {
        if (words) {
            return Words.split(parts.getFirst().render(values));
        }
        return parts.stream().map(p -> p.render(values)).toList();
    }

    /** Adds an event, preceded by the model's pause unless it is the first action. */
    private static void emit(List<Action> out, StreamEvent event, Duration pause) {
        if (!pause.isZero() && !out.isEmpty()) {
            out.add(new Action.Pause(pause));
        }
        out.add(new Action.Emit(event));
    }
}
