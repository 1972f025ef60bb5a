package dev.trellis.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic English-like text for the search data: words from a 5000-word vocabulary drawn with
 * a Zipf distribution (as in natural text), plus marker words planted at known document frequencies
 * so that queries have known selectivity. Vocabulary words are consonant-vowel syllables, so they
 * never collide with the markers.
 */
final class Corpus {

    /** Planted in 10 % of documents: a broad query (about 20 000 of the 200 000 rows match). */
    static final String BROAD = "kestrel";
    /** Planted in 1 % of documents: a typical query (about 2 000 rows match). */
    static final String TYPICAL = "heron";

    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";
    private static final int VOCABULARY = 5000;

    private final String[] words = new String[VOCABULARY];
    private final double[] cumulative = new double[VOCABULARY];

    Corpus() {
        SplittableRandom r = new SplittableRandom(42);
        java.util.Set<String> seen = new java.util.HashSet<>();
        int n = 0;
        while (n < VOCABULARY) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + r.nextInt(2);
            for (int s = 0; s < syllables; s++) {
                w.append(CONSONANTS.charAt(r.nextInt(CONSONANTS.length()))).append(VOWELS.charAt(r.nextInt(VOWELS.length())));
            }
            if (seen.add(w.toString())) {
                words[n++] = w.toString();
            }
        }
        double sum = 0;
        for (int i = 0; i < VOCABULARY; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < VOCABULARY; i++) {
            cumulative[i] /= sum;
        }
    }

    /** Text of about {@code wordCount} words for document {@code doc} of stream {@code stream}; same inputs, same text. */
    String document(long stream, long doc, int wordCount) {
        SplittableRandom r = new SplittableRandom(stream * 1_000_003L + doc);
        StringBuilder text = new StringBuilder(wordCount * 7);
        for (int i = 0; i < wordCount; i++) {
            if (i > 0) {
                text.append(i % 12 == 0 ? ". " : " ");
            }
            text.append(word(r.nextDouble()));
        }
        if (doc % 10 == 3) {
            text.append(' ').append(BROAD);
        }
        if (doc % 100 == 7) {
            text.append(' ').append(TYPICAL);
        }
        return text.append('.').toString();
    }

    private String word(double u) {
        int i = Arrays.binarySearch(cumulative, u);
        return words[Math.min(VOCABULARY - 1, i >= 0 ? i : -i - 1)];
    }
}
