package dev.trellis.api.memory;

/** What a caller wants to do to a block, and the {@link Permission} each access needs. */
public enum Access {
    READ(Permission.READ_ONLY),
    APPEND(Permission.APPEND),
    OVERWRITE(Permission.READ_WRITE),
    DELETE(Permission.ADMIN);

    private final Permission required;

    Access(Permission required) {
        this.required = required;
    }

    /** The lowest permission that allows this access. */
    public Permission required() {
        return required;
    }
}
