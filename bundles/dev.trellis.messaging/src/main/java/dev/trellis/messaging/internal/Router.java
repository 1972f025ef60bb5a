package dev.trellis.messaging.internal;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentException;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.memory.Author;
import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.Message;
import dev.trellis.api.messaging.MessageAuthor;
import dev.trellis.api.messaging.MessageChannel;
import dev.trellis.api.messaging.MessagingException;
import dev.trellis.api.messaging.MessagingException.Reason;
import dev.trellis.api.messaging.Recipient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Routes messages: to an agent (route-or-queue through the agent runtime, whose queue is persisted),
 * to every member of a group, or to the {@link MessageChannel} registered under a name. The author is
 * always given by the caller inside this bundle (the bundle-scoped {@link HostMessagingImpl} or the
 * {@code send_message} tool), never by the sender. Registered under its own private class for this
 * bundle only.
 */
@Component(service = Router.class, immediate = true)
public final class Router {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Channel(long serviceId, int ranking, MessageChannel channel) {
    }

    private final AtomicReference<AgentRuntime> agents = new AtomicReference<>();
    private final Map<String, List<Channel>> channels = new ConcurrentHashMap<>();
    private final Clock clock;

    @Activate
    public Router() {
        this(Clock.systemUTC());
    }

    Router(Clock clock) {
        this.clock = clock;
    }

    // The runtime is bundle-scoped: this bundle's instance is a trusted host surface that may name authors.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAgents(AgentRuntime runtime) {
        agents.set(runtime);
    }

    void unsetAgents(AgentRuntime runtime) {
        agents.compareAndSet(runtime, null);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addChannel(MessageChannel channel, Map<String, Object> props) {
        Object name = props.get(MessageChannel.NAME);
        if (name == null) {
            return;
        }
        channels.compute(String.valueOf(name), (k, list) -> {
            List<Channel> out = list == null ? new ArrayList<>() : new ArrayList<>(list);
            out.add(new Channel(serviceId(props), ranking(props), channel));
            out.sort(Comparator.comparingInt(Channel::ranking).reversed().thenComparingLong(Channel::serviceId));
            return List.copyOf(out);
        });
    }

    void removeChannel(MessageChannel channel, Map<String, Object> props) {
        Object name = props.get(MessageChannel.NAME);
        if (name == null) {
            return;
        }
        long id = serviceId(props);
        channels.computeIfPresent(String.valueOf(name), (k, list) -> {
            List<Channel> out = list.stream().filter(c -> c.serviceId() != id).toList();
            return out.isEmpty() ? null : out;
        });
    }

    private static long serviceId(Map<String, Object> props) {
        return props.get(Constants.SERVICE_ID) instanceof Number n ? n.longValue() : 0L;
    }

    private static int ranking(Map<String, Object> props) {
        return props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    /** Names of the registered channels, sorted. */
    List<String> channelNames() {
        return channels.keySet().stream().sorted().toList();
    }

    /**
     * Sends {@code body} from {@code author} to {@code to}.
     *
     * @throws MessagingException as {@link dev.trellis.api.messaging.HostMessaging#send} says
     */
    Delivery send(MessageAuthor author, Recipient to, String body) {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        if (body.isBlank()) {
            throw new MessagingException(Reason.INVALID_BODY, "the message to " + to.format() + " is empty");
        }
        if (body.length() > Message.MAX_BODY_LENGTH) {
            throw new MessagingException(Reason.INVALID_BODY, "the message to " + to.format() + " has " + body.length()
                    + " characters, more than " + Message.MAX_BODY_LENGTH);
        }
        return switch (to) {
            case Recipient.Agent a -> toAgent(author, a.id(), body);
            case Recipient.Group g -> toGroup(author, g, body);
            case Recipient.Channel c -> toChannel(author, c, body);
        };
    }

    private AgentRuntime runtime(Recipient to) {
        AgentRuntime r = agents.get();
        if (r == null) {
            throw new MessagingException(Reason.AGENTS_UNAVAILABLE, "cannot send to " + to.format()
                    + ": the agent runtime (dev.trellis.agent) is not running; nothing was queued");
        }
        return r;
    }

    private Delivery toAgent(MessageAuthor author, AgentId id, String body) {
        Recipient to = new Recipient.Agent(id);
        AgentRuntime runtime = runtime(to);
        Submission s = submit(runtime, id, author, body, to);
        return new Delivery(s.turnId(), s.startedTurn() ? Delivery.Outcome.TURN_STARTED : Delivery.Outcome.QUEUED);
    }

    private Delivery toGroup(MessageAuthor author, Recipient.Group group, String body) {
        AgentRuntime runtime = runtime(group);
        List<AgentId> members = runtime.agents().stream().filter(d -> d.groups().contains(group.id()))
                .map(AgentDefinition::id).filter(m -> !(author instanceof MessageAuthor.Agent a && a.id().equals(m))).toList();
        if (members.isEmpty()) {
            throw new MessagingException(Reason.UNKNOWN_RECIPIENT, "no agent is in group '" + group.id() + "'"
                    + (author instanceof MessageAuthor.Agent ? " besides the sender" : ""));
        }
        boolean started = false;
        for (AgentId m : members) {
            started |= submit(runtime, m, author, body, group).startedTurn();
        }
        return new Delivery(newId(), started ? Delivery.Outcome.TURN_STARTED : Delivery.Outcome.QUEUED);
    }

    private static Submission submit(AgentRuntime runtime, AgentId id, MessageAuthor author, String body, Recipient to) {
        try {
            return runtime.submit(id, author(author), body);
        } catch (AgentException e) {
            throw switch (e.reason()) {
                case UNKNOWN_AGENT -> new MessagingException(Reason.UNKNOWN_RECIPIENT, "cannot send to " + to.format() + ": "
                        + e.getMessage(), e);
                case QUEUE_FULL -> new MessagingException(Reason.QUEUE_FULL, "cannot send to " + to.format() + ": "
                        + e.getMessage(), e);
                case INVALID_INPUT -> new MessagingException(Reason.INVALID_BODY, e.getMessage(), e);
                case NOT_TRUSTED -> new MessagingException(Reason.AGENTS_UNAVAILABLE, "the agent runtime does not trust"
                        + " dev.trellis.messaging to name authors (runtime setting trusted.bundles): " + e.getMessage(), e);
            };
        }
    }

    private Delivery toChannel(MessageAuthor author, Recipient.Channel to, String body) {
        List<Channel> registered = channels.get(to.name());
        if (registered == null || registered.isEmpty()) {
            List<String> names = channelNames();
            throw new MessagingException(Reason.CHANNEL_UNAVAILABLE, "no channel '" + to.name() + "' is registered"
                    + (names.isEmpty() ? "" : " (registered: " + String.join(", ", names) + ")"));
        }
        Message message = new Message(newId(), to, author, body, clock.instant());
        try {
            registered.getFirst().channel().deliver(message);
        } catch (MessagingException e) {
            throw e.reason() == Reason.CHANNEL_FAILED ? e
                    : new MessagingException(Reason.CHANNEL_FAILED, "channel " + to.name() + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MessagingException(Reason.CHANNEL_FAILED, "channel " + to.name() + " failed to deliver: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        return new Delivery(message.id(), Delivery.Outcome.DELIVERED_TO_CHANNEL);
    }

    /** The agent runtime's author for a message author. */
    static Author author(MessageAuthor a) {
        return switch (a) {
            case MessageAuthor.Agent x -> new Author.Agent(x.id().value());
            case MessageAuthor.Plugin x -> new Author.Plugin(x.id());
            case MessageAuthor.Human x -> new Author.Human(x.name());
            case MessageAuthor.System x -> new Author.System(x.reason().isBlank() ? "host" : x.reason());
        };
    }

    static String newId() {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        return "msg-" + String.format("%012x", System.currentTimeMillis()) + HexFormat.of().formatHex(r);
    }
}
