package dev.trellis.provider.anthropic.internal;

import dev.trellis.provider.testing.Sse;

/** Event sequences shaped like Anthropic's streaming Messages reference (ids and counts made up). */
final class AnthropicFixtures {

    private AnthropicFixtures() {
    }

    static String messageStart() {
        return Sse.events().event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01K7ZrVw8J3XNGXhkG8E2w3T\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5-20250929\","
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":472,\"cache_creation_input_tokens\":1800,"
                + "\"cache_read_input_tokens\":20480,\"output_tokens\":2}}}").build();
    }

    /** Thinking (two deltas + signature), then text; a ping in between. */
    static String thinkingThenText() {
        return messageStart() + Sse.events()
                .event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"The user wants \"}}")
                .event("ping", "{\"type\": \"ping\"}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"a greeting.\"}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds\"}}")
                .event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                .event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Gr\u00fc\u00df \"}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"dich \uD83D\uDC4B\"}}")
                .event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
                .event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":87}}")
                .event("message_stop", "{\"type\":\"message_stop\"}").build();
    }

    /** Text, then two tool_use blocks whose input arrives as partial JSON. */
    static String parallelTools() {
        return messageStart() + Sse.events()
                .event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me check.\"}}")
                .event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                .event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\",\"name\":\"get_weather\",\"input\":{}}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"location\\\": \\\"San Fra\"}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ncisco, CA\\\"}\"}}")
                .event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
                .event("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"get_time\",\"input\":{}}}")
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"tz\\\":\\\"PST\\\"}\"}}")
                .event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}")
                .event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}")
                .event("message_stop", "{\"type\":\"message_stop\"}").build();
    }
}
