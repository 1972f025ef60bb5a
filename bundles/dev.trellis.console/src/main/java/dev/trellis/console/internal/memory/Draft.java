package dev.trellis.console.internal.memory;

import dev.trellis.api.memory.BlockAddress;
import java.util.Objects;

/**
 * Text a user submitted that was not saved because the block had moved on: kept in the session until a save of
 * that block succeeds, so a conflict never loses what was typed.
 *
 * @param address         the block
 * @param text            what the user submitted
 * @param loadedRevision  the revision the form was loaded at
 * @param currentRevision the block's revision when the save was refused; a new save is checked against it
 */
record Draft(BlockAddress address, String text, long loadedRevision, long currentRevision) {
    Draft {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
    }
}
