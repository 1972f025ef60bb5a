package dev.trellis.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

    private static final String BODY = "\uFEFFevent: one\r\ndata: {\"t\":\"h\u00e9llo \u2713 \uD83C\uDF89\"}\r\n\r\n"
            + ": keep-alive comment\n"
            + "data: line 1\ndata: line 2\nid: 7\n\n"
            + "event: ping\n\n" // no data: not dispatched
            + "event: three\rdata:no space\r\r";

    private static List<SseEvent> decode(byte[] bytes, int... cuts) {
        List<SseEvent> out = new ArrayList<>();
        SseDecoder d = new SseDecoder();
        int at = 0;
        for (int cut : cuts) {
            d.feed(ByteBuffer.wrap(bytes, at, cut - at), out::add);
            at = cut;
        }
        d.feed(ByteBuffer.wrap(bytes, at, bytes.length - at), out::add);
        assertThat(d.hasPartialEvent()).isFalse();
        return out;
    }

    @Test
    void framesEventsWithEveryLineEnding() {
        List<SseEvent> events = decode(BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(events).containsExactly(
                new SseEvent("one", "{\"t\":\"h\u00e9llo \u2713 \uD83C\uDF89\"}", "", 1),
                new SseEvent("message", "line 1\nline 2", "7", 2),
                new SseEvent("three", "no space", "7", 3));
    }

    @Test
    void everySplitPointGivesTheSameEvents() {
        byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> whole = decode(bytes);
        for (int i = 1; i < bytes.length; i++) {
            assertThat(decode(bytes, i)).as("split at byte %d", i).isEqualTo(whole);
            if (i + 3 < bytes.length) {
                assertThat(decode(bytes, i, i + 1, i + 3)).as("splits at %d, %d, %d", i, i + 1, i + 3).isEqualTo(whole);
            }
        }
    }

    @Test
    void byteByByteGivesTheSameEvents() {
        byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> out = new ArrayList<>();
        SseDecoder d = new SseDecoder();
        for (byte b : bytes) {
            d.feed(new byte[] {b}, out::add);
        }
        assertThat(out).isEqualTo(decode(bytes));
        assertThat(d.events()).isEqualTo(3);
        assertThat(d.bytes()).isEqualTo(bytes.length);
    }

    @Test
    void reportsAnEventCutOffByTheEndOfTheStream() {
        SseDecoder d = new SseDecoder();
        List<SseEvent> out = new ArrayList<>();
        d.feed("data: {\"a\":1}\n\ndata: {\"b\"".getBytes(StandardCharsets.UTF_8), out::add);
        assertThat(out).hasSize(1);
        assertThat(d.hasPartialEvent()).isTrue();

        SseDecoder d2 = new SseDecoder();
        d2.feed("data: {\"b\":2}\n".getBytes(StandardCharsets.UTF_8), out::add); // line complete, event not dispatched
        assertThat(d2.hasPartialEvent()).isTrue();
    }

    @Test
    void refusesAnEndlessLine() {
        SseDecoder d = new SseDecoder();
        byte[] mb = new byte[1024 * 1024];
        java.util.Arrays.fill(mb, (byte) 'x');
        assertThatThrownBy(() -> {
            for (int i = 0; i <= 16; i++) {
                d.feed(mb, e -> { });
            }
        }).isInstanceOf(MalformedEventException.class).hasMessageContaining("longer than");
    }
}
