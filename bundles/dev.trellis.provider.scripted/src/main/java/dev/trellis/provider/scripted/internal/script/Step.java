package dev.trellis.provider.scripted.internal.script;

import dev.trellis.api.model.ModelError;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One entry of a turn's {@code reply}. Text fields may hold placeholders ({@link Template}). */
public sealed interface Step {

    Location where();

    /**
     * Answer text: each part is one delta, or (with {@code words}) the single part is split after every
     * run of whitespace once its placeholders are filled in.
     */
    record Say(List<Template> deltas, boolean words, Location where) implements Step {
        public Say {
            deltas = List.copyOf(deltas);
            Objects.requireNonNull(where, "where");
        }
    }

    /** Reasoning text, streamed like {@link Say}; the signature arrives with the last delta. */
    record Think(List<Template> deltas, boolean words, Optional<String> signature, Location where) implements Step {
        public Think {
            deltas = List.copyOf(deltas);
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(where, "where");
        }
    }

    /** A tool call with its arguments object; an empty {@code id} means "make one up". */
    record Call(String name, Optional<Template> id, Arguments arguments, Location where) implements Step {
        public Call {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(where, "where");
        }
    }

    /** Token counts to report. */
    record Usage(long input, long output, long cacheRead, long cacheWrite, Location where) implements Step {
        public Usage {
            Objects.requireNonNull(where, "where");
        }
    }

    /** A pause before the next event. */
    record Delay(Duration pause, Location where) implements Step {
        public Delay {
            Objects.requireNonNull(pause, "pause");
            Objects.requireNonNull(where, "where");
        }
    }

    /**
     * The stream fails with this error; always the last step. The error is built when played because
     * some kinds name the model.
     */
    record Fail(ErrorSpec error, Location where) implements Step {
        public Fail {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(where, "where");
        }
    }

    /** What a {@link Fail} step fails with. */
    record ErrorSpec(String kind, Duration retryAfter, int status, String text) {
        public ErrorSpec {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(text, "text");
        }

        /** The error for a request to {@code scripted/<model>}. */
        public ModelError toError(String provider, String model) {
            return switch (kind) {
                case "rate_limited" -> new ModelError.RateLimited(provider, retryAfter);
                case "overloaded" -> new ModelError.Overloaded(provider);
                case "unauthorized" -> new ModelError.Unauthorized(provider, text);
                case "bad_request" -> new ModelError.BadRequest(provider, text);
                case "tier_mismatch" -> new ModelError.TierMismatch(
                        new dev.trellis.api.model.ModelId(provider, model), text);
                case "refusal" -> new ModelError.Refusal(provider, text);
                case "malformed" -> new ModelError.MalformedStream(provider, text);
                case "timeout" -> new ModelError.Timeout(provider, retryAfter);
                case "cancelled" -> new ModelError.Cancelled();
                case "unavailable" -> new ModelError.ProviderUnavailable(provider);
                case "http" -> new ModelError.Http(provider, status, text);
                default -> throw new IllegalStateException("unknown error kind " + kind);
            };
        }
    }
}
