package dev.trellis.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Why a model request failed; carried by {@link ModelException}. {@link #retryable()} says whether the
 * same request may succeed later; the gateway retries those only before the first event reached the
 * caller, so output is never duplicated.
 */
public sealed interface ModelError permits ModelError.RateLimited, ModelError.Overloaded, ModelError.Unauthorized,
        ModelError.BadRequest, ModelError.TierMismatch, ModelError.Refusal, ModelError.MalformedStream,
        ModelError.Timeout, ModelError.Cancelled, ModelError.ProviderUnavailable, ModelError.Http {

    String message();

    default boolean retryable() {
        return false;
    }

    /**
     * HTTP 429 or equivalent; {@code retryAfter} is the provider's hint (or the gateway's default).
     * A provider that received no hint from the server reports {@link #NO_HINT}, so the gateway can
     * fall back to its own backoff instead of mistaking a default for the server's word.
     */
    record RateLimited(String provider, Duration retryAfter) implements ModelError {

        /**
         * {@code retryAfter} of a rate limit the server gave no delay for (zero).
         *
         * @since 1.1.0
         */
        public static final Duration NO_HINT = Duration.ZERO;

        public RateLimited {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        /**
         * True if {@code retryAfter} came from the server (a header or the error body), false for
         * {@link #NO_HINT}.
         *
         * @since 1.1.0
         */
        public boolean hinted() {
            return retryAfter.compareTo(NO_HINT) > 0;
        }

        public String message() {
            return hinted() ? provider + " rate limit reached; retry after " + retryAfter.toSeconds() + " s"
                    : provider + " rate limit reached (the server gave no retry delay)";
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The provider is overloaded (HTTP 529/503 or an overloaded error event). */
    record Overloaded(String provider) implements ModelError {
        public Overloaded {
            Objects.requireNonNull(provider, "provider");
        }

        public String message() {
            return provider + " is overloaded";
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** Credentials missing, expired or rejected (after one forced refresh for OAuth). */
    record Unauthorized(String provider, String detail) implements ModelError {
        public Unauthorized {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(detail, "detail");
        }

        public String message() {
            return provider + " rejected the credentials: " + detail;
        }
    }

    /** The provider rejected the request as invalid (HTTP 400/404/422): wrong model, bad schema, too long. */
    record BadRequest(String provider, String detail) implements ModelError {
        public BadRequest {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(detail, "detail");
        }

        public String message() {
            return provider + " rejected the request: " + detail;
        }
    }

    /** The credential tier in use cannot reach this model (e.g. OAuth with a Chat-Completions-only model). Raised before any network call. */
    record TierMismatch(ModelId model, String hint) implements ModelError {
        public TierMismatch {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(hint, "hint");
        }

        public String message() {
            return model + " is not available with the current credentials: " + hint;
        }
    }

    /** The provider's safety system refused the request outright (distinct from a {@link StopReason#REFUSAL} answer). */
    record Refusal(String provider, String detail) implements ModelError {
        public Refusal {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(detail, "detail");
        }

        public String message() {
            return provider + " refused the request: " + detail;
        }
    }

    /** The stream could not be understood (bad SSE frame, bad JSON, events out of order). */
    record MalformedStream(String provider, String detail) implements ModelError {
        public MalformedStream {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(detail, "detail");
        }

        public String message() {
            return provider + " sent a malformed stream: " + detail;
        }
    }

    /** No response (or no next event) within {@code after}. */
    record Timeout(String provider, Duration after) implements ModelError {
        public Timeout {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(after, "after");
        }

        public String message() {
            return provider + " did not answer within " + after.toMillis() + " ms";
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The caller cancelled the stream. */
    record Cancelled() implements ModelError {
        public String message() {
            return "request cancelled";
        }
    }

    /** No provider is registered for the model's provider id, or it is being removed without a successor. */
    record ProviderUnavailable(String provider) implements ModelError {
        public ProviderUnavailable {
            Objects.requireNonNull(provider, "provider");
        }

        public String message() {
            return "no model provider '" + provider + "' is available";
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** Any other non-2xx answer; 5xx is retryable. {@code body} is truncated and never holds credentials. */
    record Http(String provider, int status, String body) implements ModelError {
        public Http {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(body, "body");
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("HTTP status must be 100..599, was " + status);
            }
        }

        public String message() {
            return provider + " answered HTTP " + status + (body.isEmpty() ? "" : ": " + body);
        }

        @Override
        public boolean retryable() {
            return status >= 500;
        }
    }
}
