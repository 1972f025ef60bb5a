package dev.trellis.provider.scripted.internal.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.api.model.ModelError;
import dev.trellis.api.model.StopReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptParserTest {

    private static final String FULL = """
            models:
              demo:
                description: Notes something, then says done
                delay: 5ms
                turns:
                  - when: { index: 0, user: "remember (\\\\w+)" }
                    times: 2
                    reply:
                      - think: I should write that down.
                        signature: sig-1
                      - say: Noting it.
                      - call: memory_append
                        id: call-${index}
                        args: { label: notes, content: "${1}", count: 2, ok: true, none: null, list: [1, "a"] }
                      - delay: 1.5s
                      - usage: { input: 10, output: 3, cache_read: 7 }
                  - when: { tool: "^ok" }
                    reply: [done]
                    stop: end_turn
                  - reply:
                      - error: rate_limited
                        retry_after: 2s
            """;

    @Test
    void readsEveryKindOfStep() {
        ScriptParser.FileScript f = ScriptParser.parseFile("demo.yaml", FULL);
        assertThat(f.fatal()).isEmpty();
        assertThat(f.problems()).isEmpty();
        ScriptedModel m = f.models().getFirst();
        assertThat(m.name()).isEqualTo("demo");
        assertThat(m.description()).isEqualTo("Notes something, then says done");
        assertThat(m.pause()).isEqualTo(Duration.ofMillis(5));
        assertThat(m.turns()).hasSize(3);

        Turn first = m.turns().get(0);
        assertThat(first.when().indexes()).containsExactly(0);
        assertThat(first.when().user().orElseThrow().pattern()).isEqualTo("remember (\\w+)");
        assertThat(first.times()).isEqualTo(2);
        assertThat(first.stop()).isEqualTo(StopReason.TOOL_USE);
        assertThat(first.reply()).hasSize(5);
        assertThat(first.reply().get(0)).isInstanceOfSatisfying(Step.Think.class,
                t -> assertThat(t.signature()).contains("sig-1"));
        assertThat(first.reply().get(1)).isInstanceOfSatisfying(Step.Say.class, s -> assertThat(s.words()).isTrue());
        Step.Call call = (Step.Call) first.reply().get(2);
        assertThat(call.name()).isEqualTo("memory_append");
        assertThat(call.arguments().render(n -> n.equals("1") ? "milk \"2%\"" : "?"))
                .isEqualTo("{\"label\":\"notes\",\"content\":\"milk \\\"2%\\\"\",\"count\":2,\"ok\":true,\"none\":null,\"list\":[1,\"a\"]}");
        assertThat(call.id().orElseThrow().render(n -> "0")).isEqualTo("call-0");
        assertThat(first.reply().get(3)).isEqualTo(new Step.Delay(Duration.ofMillis(1500), first.reply().get(3).where()));
        assertThat(first.reply().get(4)).isInstanceOfSatisfying(Step.Usage.class, u -> {
            assertThat(u.input()).isEqualTo(10);
            assertThat(u.cacheRead()).isEqualTo(7);
            assertThat(u.cacheWrite()).isZero();
        });

        Turn second = m.turns().get(1);
        assertThat(second.when().tool().orElseThrow().pattern()).isEqualTo("^ok");
        assertThat(second.reply()).singleElement().isInstanceOf(Step.Say.class);
        assertThat(second.stop()).isEqualTo(StopReason.END_TURN);

        Turn third = m.turns().get(2);
        assertThat(third.fails()).isTrue();
        Step.Fail fail = (Step.Fail) third.reply().getFirst();
        assertThat(fail.error().toError("scripted", "demo"))
                .isEqualTo(new ModelError.RateLimited("scripted", Duration.ofSeconds(2)));
    }

    @Test
    void stepLocationsNameFileLineAndField() {
        ScriptedModel m = ScriptParser.parseFile("demo.yaml", FULL).models().getFirst();
        Step call = m.turns().getFirst().reply().get(2);
        assertThat(call.where().toString()).isEqualTo("demo.yaml line 12, field 'models.demo.turns[0].reply[2]'");
    }

    @Test
    void jsonFilesAreReadToo() {
        String json = """
                {
                \t"models": {
                \t\t"j": {"turns": [{"when": {"index": [0, 1]}, "reply": [{"say": ["a", "b"]}, {"call": "t", "args": "{\\"x\\": 1}"}]}]}
                \t}
                }
                """;
        ScriptParser.FileScript f = ScriptParser.parseFile("j.json", json);
        assertThat(f.fatal()).isEmpty();
        Turn t = f.models().getFirst().turns().getFirst();
        assertThat(t.when().indexes()).containsExactlyInAnyOrder(0, 1);
        assertThat(((Step.Say) t.reply().getFirst()).words()).isFalse();
        assertThat(((Step.Call) t.reply().get(1)).arguments().render(n -> "")).isEqualTo("{\"x\":1}");
    }

    @Test
    void everyErrorKindMapsToItsModelError() {
        String yaml = """
                models:
                  e:
                    - [{error: overloaded}]
                    - [{error: unauthorized, detail: bad key}]
                    - [{error: bad_request}]
                    - [{error: tier_mismatch, hint: use codex}]
                    - [{error: refusal}]
                    - [{error: malformed, detail: cut}]
                    - [{error: timeout, after: 3s}]
                    - [{error: cancelled}]
                    - [{error: unavailable}]
                    - [{error: http, status: 503, body: busy}]
                """;
        ScriptedModel m = ScriptParser.parseFile("e.yaml", yaml).models().getFirst();
        var errors = m.turns().stream().map(t -> ((Step.Fail) t.reply().getFirst()).error().toError("scripted", "e")).toList();
        assertThat(errors).containsExactly(
                new ModelError.Overloaded("scripted"),
                new ModelError.Unauthorized("scripted", "bad key"),
                new ModelError.BadRequest("scripted", "the scripted request was rejected"),
                new ModelError.TierMismatch(new dev.trellis.api.model.ModelId("scripted", "e"), "use codex"),
                new ModelError.Refusal("scripted", "the scripted model refused"),
                new ModelError.MalformedStream("scripted", "cut"),
                new ModelError.Timeout("scripted", Duration.ofSeconds(3)),
                new ModelError.Cancelled(),
                new ModelError.ProviderUnavailable("scripted"),
                new ModelError.Http("scripted", 503, "busy"));
    }

    @Test
    void oneBrokenModelDoesNotHideTheOthers() {
        String yaml = """
                models:
                  good: [[hello]]
                  bad:
                    turns:
                      - reply:
                          - error: ratelimited
                """;
        ScriptParser.FileScript f = ScriptParser.parseFile("m.yaml", yaml);
        assertThat(f.models()).extracting(ScriptedModel::name).containsExactly("good");
        assertThat(f.problems()).containsOnlyKeys("bad");
        assertThat(f.problems().get("bad")).hasMessage("m.yaml line 6, field 'models.bad.turns[0].reply[0].error':"
                + " unknown error kind 'ratelimited' (expected one of rate_limited, overloaded, unauthorized, bad_request,"
                + " tier_mismatch, refusal, malformed, timeout, cancelled, unavailable, http)");
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        ScriptParser.FileScript f = ScriptParser.parseFile("s.yaml", "models:\n  a: [[hello]\n  b: 1\n");
        assertThat(f.fatal()).get().extracting(Throwable::getMessage).asString()
                .startsWith("s.yaml line 3 column ").contains("not valid YAML/JSON");
    }

    @Test
    void problemsAreLocated() {
        assertProblem("models:\n  a:\n    turns:\n      - reply: [hi]\n        wen: {index: 0}\n",
                "f line 5, field 'models.a.turns[0].wen': is not a known field here (expected reply, stop, times, when)");
        assertProblem("models:\n  a:\n    - when: {user: '('}\n      reply: [hi]\n",
                "f line 3, field 'models.a[0].when.user': not a valid regular expression: Unclosed group near index 1 of '('");
        assertProblem("models:\n  a: [[{delay: soon}]]\n",
                "f line 2, field 'models.a[0][0].delay': expected a duration such as 250ms, 1.5s or 2m"
                        + " (a bare number is milliseconds), found 'soon'");
        assertProblem("models:\n  a: [[{error: overloaded}, hi]]\n",
                "f line 2, field 'models.a[0][1]': comes after an 'error' step and would never be played;"
                        + " an error ends the stream");
        assertProblem("models:\n  echo: [[hi]]\n",
                "f line 2, field 'models.echo': the model name 'echo' is built in and cannot be scripted");
        assertProblem("models:\n  a: [[{call: 'no spaces'}]]\n",
                "f line 2, field 'models.a[0][0].call': tool name 'no spaces' must match [A-Za-z0-9_-]{1,64}");
        assertProblem("models:\n  a: [[{say: hi, call: x}]]\n",
                "f line 2, field 'models.a[0][0]': has say and call; each step has exactly one of say, think,"
                        + " call, usage, delay, error");
        assertProblem("models:\n  a: [[{say: 'hi ${name}'}]]\n",
                "f line 2, field 'models.a[0][0].say': unknown placeholder '${name}' (known: ${user},"
                        + " ${tool}, ${index}, ${model}, ${instance}, ${1} to ${9}; write $${ for a literal ${)");
        assertProblem("models:\n  a: [[{error: overloaded, retry_after: 2s}]]\n",
                "f line 2, field 'models.a[0][0].retry_after': does not apply to error 'overloaded'"
                        + " (it takes no options)");
        assertProblem("models:\n  a: [[{error: http}]]\n",
                "f line 2, field 'models.a[0][0]': error 'http' needs a status (100 to 599)");
        assertProblem("models:\n  a: [[{call: t, args: '{\"x\": '}]]\n",
                "f line 2, field 'models.a[0][0].args': args is not valid JSON: Unexpected end-of-input within/between Object entries");
        assertProblem("models:\n  a:\n    - times: 0\n      reply: [hi]\n",
                "f line 3, field 'models.a[0].times': must be at least 1 (leave it out for a turn that can be used any number of times)");
    }

    @Test
    void fileLevelProblemsAreFatal() {
        assertThat(ScriptParser.parseFile("f", "turns: []\n").fatal()).get().extracting(Throwable::getMessage)
                .isEqualTo("f line 1, field 'turns': is not a known field here (expected models)");
        assertThat(ScriptParser.parseFile("f", "").fatal()).get().extracting(Throwable::getMessage)
                .isEqualTo("f: the script is empty");
        assertThat(ScriptParser.parseFile("f", "models:\n  a: [[x]]\n  a: [[y]]\n").fatal()).isPresent();
    }

    @Test
    void aModelBodyAloneIsReadForFactoryConfigurations() throws ScriptException {
        ScriptedModel m = ScriptParser.parseModel("configuration x~y, property 'script'", "y", "[[{say: hello}]]");
        assertThat(m.turns()).singleElement().satisfies(t -> assertThat(t.when()).isEqualTo(Condition.ALWAYS));
        assertThat(m.description()).isEqualTo("Scripted model, 1 turn");
        assertThatThrownBy(() -> ScriptParser.parseModel("c", "y", "{turns: []}"))
                .hasMessage("c line 1, field 'turns': needs at least one turn");
    }

    private static void assertProblem(String yaml, String message) {
        ScriptParser.FileScript f = ScriptParser.parseFile("f", yaml);
        assertThat(f.fatal()).as(yaml).isEmpty();
        assertThat(f.problems().values()).as(yaml).singleElement().extracting(Throwable::getMessage).isEqualTo(message);
    }
}
