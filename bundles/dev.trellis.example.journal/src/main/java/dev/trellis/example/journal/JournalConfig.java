package dev.trellis.example.journal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis example: memory journal",
        description = "Keeps an append-only log block of every memory change the plugin sees.")
@interface JournalConfig {

    @AttributeDefinition(name = "Journal scope", description = "Scope of the journal block: local:<project> or global:<persona>.")
    String journal_scope() default "global:journal";

    @AttributeDefinition(name = "Journal label", description = "Label of the journal block (a log block, created if missing).")
    String journal_label() default "changes";

    @AttributeDefinition(name = "Journal char limit", description = "Char limit of the journal block when the plugin creates it.")
    int journal_char_limit() default 200_000;

    @AttributeDefinition(name = "Watched scope", description = "Only changes in this scope; empty = every scope.")
    String watch_scope() default "";

    @AttributeDefinition(name = "Watched label prefix", description = "Only blocks whose label starts with this; empty = any.")
    String watch_label_prefix() default "";
}
