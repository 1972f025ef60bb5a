package dev.trellis.example.inbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis example: inbox",
        description = "A message channel backed by a directory: agent messages become files, dropped files become messages.")
@interface InboxConfig {

    @AttributeDefinition(name = "Directory",
            description = "Where outbox/ and incoming/ live; empty: <trellis.home>/inbox.")
    String directory() default "";

    @AttributeDefinition(name = "Channel name",
            description = "Agents send to channel:<this name>. Lower-case letters, digits, '.', '_' and '-'.")
    String channel_name() default "inbox";

    @AttributeDefinition(name = "To",
            description = "Who gets the files dropped into incoming/ (agent:<id> or group:<id>); a first line 'To: agent:<id>' in a file overrides it.")
    String to() default "agent:assistant";

    @AttributeDefinition(name = "Poll (ms)", min = "100", description = "How often incoming/ is looked at.")
    long poll_ms() default 1000;
}
