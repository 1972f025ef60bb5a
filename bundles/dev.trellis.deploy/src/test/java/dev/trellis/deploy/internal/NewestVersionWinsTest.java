package dev.trellis.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.deploy.internal.NewestVersionWins.Seen;
import dev.trellis.deploy.internal.NewestVersionWins.Start;
import dev.trellis.deploy.internal.NewestVersionWins.Stop;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class NewestVersionWinsTest {

    private static final List<String> TRELLIS = List.of("dev.trellis.");

    private static Seen bundle(long id, String bsn, String version, boolean active) {
        return new Seen(id, bsn, Version.parseVersion(version), active, false);
    }

    @Test
    void aNewerActiveVersionStopsTheOlderOne() {
        Seen builtIn = bundle(20, "dev.trellis.provider.openai", "0.1.0", true);
        Seen dropped = bundle(60, "dev.trellis.provider.openai", "0.1.1", true);

        assertThat(NewestVersionWins.decide(List.of(builtIn, dropped), TRELLIS, Set.of()))
                .containsExactly(new Stop(20, builtIn, dropped));
    }

    @Test
    void anOlderVersionDroppedLaterDoesNotTakeOver() {
        Seen builtIn = bundle(20, "dev.trellis.provider.openai", "0.2.0", true);
        Seen dropped = bundle(60, "dev.trellis.provider.openai", "0.1.0", true);

        assertThat(NewestVersionWins.decide(List.of(builtIn, dropped), TRELLIS, Set.of()))
                .containsExactly(new Stop(60, dropped, builtIn));
    }

    @Test
    void whenTheNewerOneIsGoneTheOneThisRuleStoppedStartsAgain() {
        Seen builtIn = bundle(20, "dev.trellis.provider.openai", "0.1.0", false);

        assertThat(NewestVersionWins.decide(List.of(builtIn), TRELLIS, Set.of(20L))).containsExactly(new Start(20, builtIn));
        assertThat(NewestVersionWins.decide(List.of(builtIn), TRELLIS, Set.of()))
                .as("a bundle someone else stopped stays stopped").isEmpty();
    }

    @Test
    void nothingHappensWhileTheNewerOneRestartsOrForOtherNames() {
        Seen builtIn = bundle(20, "dev.trellis.provider.openai", "0.1.0", false);
        Seen dropped = bundle(60, "dev.trellis.provider.openai", "0.1.1", true);
        Seen jackson1 = bundle(3, "com.fasterxml.jackson.core.jackson-core", "2.17.0", true);
        Seen jackson2 = bundle(4, "com.fasterxml.jackson.core.jackson-core", "2.23.0", true);
        Seen fragment = new Seen(7, "dev.trellis.logging", Version.parseVersion("0.1.0"), false, true);
        Seen fragment2 = new Seen(8, "dev.trellis.logging", Version.parseVersion("0.2.0"), false, true);

        assertThat(NewestVersionWins.decide(List.of(builtIn, dropped, jackson1, jackson2, fragment, fragment2), TRELLIS,
                Set.of(20L))).isEmpty();
    }

    @Test
    void ofThreeVersionsOnlyTheNewestRunsAndAnEmptyPrefixListTurnsTheRuleOff() {
        Seen a = bundle(1, "dev.trellis.example.hello", "1.0.0", true);
        Seen b = bundle(2, "dev.trellis.example.hello", "3.0.0", true);
        Seen c = bundle(3, "dev.trellis.example.hello", "2.0.0", true);

        assertThat(NewestVersionWins.decide(List.of(a, b, c), TRELLIS, Set.of()))
                .containsExactlyInAnyOrder(new Stop(1, a, b), new Stop(3, c, b));
        assertThat(NewestVersionWins.decide(List.of(a, b, c), List.of(), Set.of())).isEmpty();
    }
}
