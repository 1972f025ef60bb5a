package dev.trellis.provider.scripted.internal.play;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.StreamEvent;
import java.time.Duration;
import java.util.Objects;

/** One thing a stream does, in order: send an event, wait, or fail. */
public sealed interface Action {

    record Emit(StreamEvent event) implements Action {
        public Emit {
            Objects.requireNonNull(event, "event");
        }
    }

    record Pause(Duration length) implements Action {
        public Pause {
            Objects.requireNonNull(length, "length");
        }
    }

    record Fail(ModelError error) implements Action {
        public Fail {
            Objects.requireNonNull(error, "error");
        }
    }
}
