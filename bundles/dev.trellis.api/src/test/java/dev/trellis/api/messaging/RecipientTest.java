package dev.trellis.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.agent.AgentId;
import org.junit.jupiter.api.Test;

class RecipientTest {

    @Test
    void parsesAllSchemes() {
        assertThat(Recipient.parse("agent:ada")).isEqualTo(new Recipient.Agent(AgentId.of("ada")));
        assertThat(Recipient.parse("group:reviewers")).isEqualTo(new Recipient.Group("reviewers"));
        assertThat(Recipient.parse("channel:discord.general")).isEqualTo(new Recipient.Channel("discord.general"));
    }

    @Test
    void formatRoundTrips() {
        for (String text : new String[] {"agent:a-1", "group:g_2", "channel:c.3"}) {
            assertThat(Recipient.parse(text).format()).isEqualTo(text);
        }
    }

    @Test
    void missingScheme() {
        assertThatThrownBy(() -> Recipient.parse("ada")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recipient 'ada' must be 'agent:<id>', 'group:<id>' or 'channel:<name>'");
    }

    @Test
    void unknownScheme() {
        assertThatThrownBy(() -> Recipient.parse("cli:ada"))
                .hasMessage("recipient 'cli:ada': unknown scheme 'cli' (expected agent, group or channel)");
    }

    @Test
    void invalidValues() {
        assertThatThrownBy(() -> Recipient.parse("agent:"))
                .hasMessage("recipient 'agent:': agent id '' must match [a-z0-9][a-z0-9_-]{0,63}");
        assertThatThrownBy(() -> Recipient.parse("agent:Ada"))
                .hasMessage("recipient 'agent:Ada': agent id 'Ada' must match [a-z0-9][a-z0-9_-]{0,63}");
        assertThatThrownBy(() -> Recipient.parse("channel:#general"))
                .hasMessage("recipient 'channel:#general': channel name '#general' must match [a-z0-9][a-z0-9_.-]{0,63}");
    }

    @Test
    void messageBodyLimit() {
        assertThatThrownBy(() -> new Message("m1", Recipient.parse("agent:ada"),
                new MessageAuthor.System("test"), "x".repeat(Message.MAX_BODY_LENGTH + 1), java.time.Instant.EPOCH))
                .hasMessage("message body has 100001 characters, more than 100000");
    }
}
