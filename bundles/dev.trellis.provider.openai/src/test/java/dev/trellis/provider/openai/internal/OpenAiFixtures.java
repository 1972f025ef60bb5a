package dev.trellis.provider.openai.internal;

import dev.trellis.provider.testing.Sse;

/** Event sequences shaped like OpenAI's streaming API reference (ids and counts are made up). */
final class OpenAiFixtures {

    private OpenAiFixtures() {
    }

    private static String chunk(String choices) {
        return "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,"
                + "\"model\":\"gpt-4o-2024-08-06\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_f9f4fb6dbf\","
                + "\"choices\":" + choices + "}";
    }

    static final String USAGE_CHUNK = "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1741569952,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[],\"usage\":{\"prompt_tokens\":1117,"
            + "\"completion_tokens\":46,\"total_tokens\":1163,\"prompt_tokens_details\":{\"cached_tokens\":1024,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}}}";

    /** "Bonjour ✓ 🎉" in four deltas, usage, [DONE]. */
    static String chatText() {
        return Sse.events()
                .data(chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{\"content\":\"Bon\"},\"logprobs\":null,\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{\"content\":\"jour \u2713\"},\"logprobs\":null,\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{\"content\":\" \uD83C\uDF89\"},\"logprobs\":null,\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]"))
                .data(USAGE_CHUNK)
                .data("[DONE]").build();
    }

    /** Two parallel calls, their argument fragments interleaved. */
    static String chatParallelTools() {
        return Sse.events()
                .data(chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                        + "\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"\"}}],\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"loc\"}}]},\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_Yx2Q\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_time\",\"arguments\":\"{\\\"tz\\\":\"}}]},\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ation\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"CET\\\"}\"}}]},\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]"))
                .data(USAGE_CHUNK)
                .data("[DONE]").build();
    }

    static String chatRefusal() {
        return Sse.events()
                .data(chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"},\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{\"refusal\":\"I'm sorry, I can't help with that.\"},\"finish_reason\":null}]"))
                .data(chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]"))
                .data("[DONE]").build();
    }

    private static final String RESP = "\"id\":\"resp_67c9fdcecf488190bdd9a0409de3a1ec\",\"object\":\"response\","
            + "\"created_at\":1741290958,\"model\":\"gpt-5-codex\"";

    static String responsesCreated() {
        return Sse.events()
                .event("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{" + RESP
                        + ",\"status\":\"in_progress\",\"output\":[],\"usage\":null}}")
                .event("response.in_progress", "{\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":{" + RESP
                        + ",\"status\":\"in_progress\",\"output\":[]}}").build();
    }

    static final String COMPLETED = "{\"type\":\"response.completed\",\"sequence_number\":40,\"response\":{" + RESP
            + ",\"status\":\"completed\",\"usage\":{\"input_tokens\":328,\"input_tokens_details\":{\"cached_tokens\":256},"
            + "\"output_tokens\":52,\"output_tokens_details\":{\"reasoning_tokens\":30},\"total_tokens\":380}}}";

    /** Reasoning summary (two parts) with encrypted content, then text. */
    static String responsesReasoningAndText() {
        return responsesCreated() + Sse.events()
                .event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"sequence_number\":2,"
                        + "\"output_index\":0,\"item\":{\"id\":\"rs_6890\",\"type\":\"reasoning\",\"summary\":[]}}")
                .event("response.reasoning_summary_part.added", "{\"type\":\"response.reasoning_summary_part.added\","
                        + "\"sequence_number\":3,\"item_id\":\"rs_6890\",\"output_index\":0,\"summary_index\":0,"
                        + "\"part\":{\"type\":\"summary_text\",\"text\":\"\"}}")
                .event("response.reasoning_summary_text.delta", "{\"type\":\"response.reasoning_summary_text.delta\","
                        + "\"sequence_number\":4,\"item_id\":\"rs_6890\",\"output_index\":0,\"summary_index\":0,\"delta\":\"**Planning**\"}")
                .event("response.reasoning_summary_part.added", "{\"type\":\"response.reasoning_summary_part.added\","
                        + "\"sequence_number\":5,\"item_id\":\"rs_6890\",\"output_index\":0,\"summary_index\":1,"
                        + "\"part\":{\"type\":\"summary_text\",\"text\":\"\"}}")
                .event("response.reasoning_summary_text.delta", "{\"type\":\"response.reasoning_summary_text.delta\","
                        + "\"sequence_number\":6,\"item_id\":\"rs_6890\",\"output_index\":0,\"summary_index\":1,\"delta\":\"Short answer.\"}")
                .event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"sequence_number\":7,"
                        + "\"output_index\":0,\"item\":{\"id\":\"rs_6890\",\"type\":\"reasoning\",\"encrypted_content\":"
                        + "\"gAAAAABo-ENCRYPTED-REASONING==\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"**Planning**\"},"
                        + "{\"type\":\"summary_text\",\"text\":\"Short answer.\"}]}}")
                .event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"sequence_number\":8,"
                        + "\"output_index\":1,\"item\":{\"id\":\"msg_67c9\",\"type\":\"message\",\"status\":\"in_progress\","
                        + "\"content\":[],\"role\":\"assistant\"}}")
                .event("response.content_part.added", "{\"type\":\"response.content_part.added\",\"sequence_number\":9,"
                        + "\"item_id\":\"msg_67c9\",\"output_index\":1,\"content_index\":0,\"part\":{\"type\":\"output_text\","
                        + "\"annotations\":[],\"text\":\"\"}}")
                .event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":10,"
                        + "\"item_id\":\"msg_67c9\",\"output_index\":1,\"content_index\":0,\"delta\":\"Hi \u00e9\"}")
                .event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":11,"
                        + "\"item_id\":\"msg_67c9\",\"output_index\":1,\"content_index\":0,\"delta\":\"t\u00e9!\"}")
                .event("response.output_text.done", "{\"type\":\"response.output_text.done\",\"sequence_number\":12,"
                        + "\"item_id\":\"msg_67c9\",\"output_index\":1,\"content_index\":0,\"text\":\"Hi \u00e9t\u00e9!\"}")
                .event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"sequence_number\":13,"
                        + "\"output_index\":1,\"item\":{\"id\":\"msg_67c9\",\"type\":\"message\",\"status\":\"completed\","
                        + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi \u00e9t\u00e9!\"}]}}")
                .event("response.completed", COMPLETED).build();
    }

    private static String call(int seq, int output, String id, String callId, String name) {
        return "{\"type\":\"response.output_item.added\",\"sequence_number\":" + seq + ",\"output_index\":" + output
                + ",\"item\":{\"type\":\"function_call\",\"id\":\"" + id + "\",\"call_id\":\"" + callId + "\",\"name\":\""
                + name + "\",\"arguments\":\"\",\"status\":\"in_progress\"}}";
    }

    private static String args(int seq, int output, String id, String delta) {
        return "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":" + seq + ",\"item_id\":\"" + id
                + "\",\"output_index\":" + output + ",\"delta\":\"" + delta + "\"}";
    }

    private static String callDone(int seq, int output, String id, String callId, String name, String arguments) {
        return "{\"type\":\"response.output_item.done\",\"sequence_number\":" + seq + ",\"output_index\":" + output
                + ",\"item\":{\"type\":\"function_call\",\"id\":\"" + id + "\",\"call_id\":\"" + callId + "\",\"name\":\""
                + name + "\",\"arguments\":\"" + arguments + "\",\"status\":\"completed\"}}";
    }

    /** Two function calls, the second one's arguments only in its final item. */
    static String responsesParallelTools() {
        return responsesCreated() + Sse.events()
                .event("response.output_item.added", call(2, 0, "fc_1", "call_A1", "get_weather"))
                .event("response.function_call_arguments.delta", args(3, 0, "fc_1", "{\\\"location\\\":"))
                .event("response.output_item.added", call(4, 1, "fc_2", "call_B2", "get_time"))
                .event("response.function_call_arguments.delta", args(5, 0, "fc_1", "\\\"Paris\\\"}"))
                .event("response.function_call_arguments.done", "{\"type\":\"response.function_call_arguments.done\","
                        + "\"sequence_number\":6,\"item_id\":\"fc_1\",\"output_index\":0,\"arguments\":\"{\\\"location\\\":\\\"Paris\\\"}\"}")
                .event("response.output_item.done", callDone(7, 0, "fc_1", "call_A1", "get_weather", "{\\\"location\\\":\\\"Paris\\\"}"))
                .event("response.output_item.done", callDone(8, 1, "fc_2", "call_B2", "get_time", "{\\\"tz\\\":\\\"CET\\\"}"))
                .event("response.completed", COMPLETED).build();
    }
}
