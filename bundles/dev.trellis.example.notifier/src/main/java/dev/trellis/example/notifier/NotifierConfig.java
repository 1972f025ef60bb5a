package dev.trellis.example.notifier;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Trellis example: notifier",
        description = "Sends a message to an agent, a group or a channel on a schedule.")
@interface NotifierConfig {

    @AttributeDefinition(name = "To", description = "Recipient: agent:<id>, group:<id> or channel:<name>.")
    String to() default "agent:assistant";

    @AttributeDefinition(name = "Message",
            description = "The text. {n} becomes the number of this notification (1, 2, ...), {time} the time it is sent (UTC).")
    String message() default "Reminder {n}: it is {time}. Anything to note?";

    @AttributeDefinition(name = "Interval (seconds)", min = "1", description = "Time between two notifications.")
    long interval_seconds() default 3600;

    @AttributeDefinition(name = "First after (seconds)", min = "0",
            description = "Time before the first notification; -1: one interval.")
    long initial_delay_seconds() default -1;

    @AttributeDefinition(name = "Count", min = "0", description = "Notifications to send, then stop; 0: no end.")
    int count() default 0;
}
