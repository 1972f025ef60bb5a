package dev.trellis.skills.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trellis.api.plugin.PluginId;
import dev.trellis.api.skills.TrustTier;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * AC6.2: render → parse gives the same skill, for arbitrary names, tiers, unicode descriptions and
 * keywords, nested hooks, extras of any JSON shape and bodies, with LF or CRLF line ends.
 */
class SkillFileRoundTripPropertyTest {

    /** Pieces text is made of: YAML-significant characters, words YAML would retype, unicode. */
    private static final List<String> TOKENS = List.of("a", "word", " ", "  ", "\n", "\t", ":", ": ", "-", "- ", "#", " #",
            "'", "\"", "\\", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "?", "---", "...", "yes",
            "no", "null", "~", "true", "False", "12", "0x1F", "1e3", ".inf", "é", "ß", "日本", "😀", "\u00A0", "\u2028",
            "\u0007", "\u0000", "\uFEFF", "Ω", "é");

    private static Arbitrary<String> text(int maxTokens) {
        return Arbitraries.of(TOKENS).list().ofMaxSize(maxTokens).map(l -> String.join("", l));
    }

    private static Arbitrary<String> kebab() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(8)
                .list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("-", l));
    }

    private static Arbitrary<JsonNode> json(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(f.nullNode()),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.doubles().filter(Double::isFinite).map(f::numberNode),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30), java.math.BigInteger.TEN.pow(40))
                        .map(f::numberNode),
                text(6).map(f::textNode));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(4).map(items -> {
            var a = f.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(text(4), json(depth - 1)).ofMaxSize(4).map(m -> {
            var o = f.objectNode();
            m.forEach(o::set);
            return o;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, object));
    }

    @Provide
    Arbitrary<SkillDocument> skills() {
        Arbitrary<Optional<TrustTier>> tier = Arbitraries.of(TrustTier.class).optional();
        Arbitrary<Optional<String>> description = text(12).optional();
        Arbitrary<List<String>> keywords = text(4).list().ofMaxSize(4);
        // a null hooks value reads as "no hooks"
        Arbitrary<Optional<String>> hooks = json(3).filter(n -> !n.isNull()).map(JsonValues::write).optional();
        Arbitrary<Optional<PluginId>> plugin = kebab().map(k -> PluginId.of("org." + k.replace('-', '.'))).optional();
        Arbitrary<TreeMap<String, String>> extras = Arbitraries.maps(
                        text(4).filter(k -> !SkillDocument.KNOWN_KEYS.contains(k)), json(2).map(JsonValues::write))
                .ofMaxSize(4).map(TreeMap::new);
        Arbitrary<String> body = text(30).map(b -> b.replace("\r", ""));
        return Combinators.combine(kebab(), tier, description, keywords, hooks, plugin, extras, body)
                .as(SkillDocument::new);
    }

    @Property(tries = 1000)
    void renderThenParseGivesTheSameSkill(@ForAll("skills") SkillDocument skill, @ForAll boolean crlf) {
        String text = SkillFiles.render(skill);
        if (crlf) {
            text = text.replace("\n", "\r\n");
        }
        assertThat(SkillFiles.parse("round-trip.md", text)).isEqualTo(skill);
    }

    @Property(tries = 300)
    void renderingIsStable(@ForAll("skills") SkillDocument skill) {
        String once = SkillFiles.render(skill);
        assertThat(SkillFiles.render(SkillFiles.parse("stable.md", once))).isEqualTo(once);
    }
}
