package dev.trellis.agent.internal;

import dev.trellis.api.agent.AgentDefinition;
import dev.trellis.api.agent.AgentException;
import dev.trellis.api.agent.AgentId;
import dev.trellis.api.agent.AgentListener;
import dev.trellis.api.agent.AgentRuntime;
import dev.trellis.api.agent.AgentStatus;
import dev.trellis.api.agent.ConversationMessage;
import dev.trellis.api.agent.QueuedInput;
import dev.trellis.api.agent.Registration;
import dev.trellis.api.agent.Submission;
import dev.trellis.api.agent.TurnRecord;
import dev.trellis.api.memory.Author;
import dev.trellis.api.plugin.PluginId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * {@link AgentRuntime} with bundle scope: DS makes one instance per using bundle, so the runtime knows
 * who submits. Plain {@code submit} is authored {@code plugin <bsn>}; naming an author is reserved for
 * the trusted host surfaces (runtime configuration {@code trusted.bundles}). Listeners registered
 * through an instance are closed when its bundle releases the service.
 */
@Component(service = AgentRuntime.class, scope = ServiceScope.BUNDLE)
public final class AgentRuntimeImpl implements AgentRuntime {

    private final AgentEngine engine;
    private final String bsn;
    private final Set<Registration> registrations = ConcurrentHashMap.newKeySet();

    @Activate
    public AgentRuntimeImpl(@Reference AgentEngine engine, ComponentContext context) {
        this(engine, context.getUsingBundle().getSymbolicName());
    }

    AgentRuntimeImpl(AgentEngine engine, String bsn) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.bsn = Objects.requireNonNull(bsn, "bsn");
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(Registration::close);
    }

    @Override
    public List<AgentDefinition> agents() {
        return engine.agents();
    }

    @Override
    public Optional<AgentStatus> status(AgentId id) {
        return engine.status(Objects.requireNonNull(id, "id"));
    }

    @Override
    public String submit(AgentId id, String text) {
        return engine.submit(Objects.requireNonNull(id, "id"), new Author.Plugin(PluginId.of(bsn)), text).turnId();
    }

    @Override
    public Submission submit(AgentId id, Author author, String text) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author");
        if (!engine.trusts(bsn)) {
            throw new AgentException(AgentException.Reason.NOT_TRUSTED, id, "bundle " + bsn
                    + " may not name the author of an input; plugins send messages through HostMessaging,"
                    + " which authors them as the plugin");
        }
        return engine.submit(id, author, text);
    }

    @Override
    public boolean cancel(AgentId id) {
        return engine.cancel(Objects.requireNonNull(id, "id"));
    }

    @Override
    public Registration listen(AgentId id, AgentListener listener) {
        Registration inner = engine.listen(Objects.requireNonNull(id, "id"), bsn, Objects.requireNonNull(listener, "listener"));
        Registration outer = new Registration() {
            @Override
            public void close() {
                registrations.remove(this);
                inner.close();
            }
        };
        registrations.add(outer);
        return outer;
    }

    @Override
    public List<TurnRecord> turns(AgentId id, int limit) {
        return engine.turns(Objects.requireNonNull(id, "id"), limit);
    }

    @Override
    public List<ConversationMessage> conversation(AgentId id, int limit) {
        return engine.conversation(Objects.requireNonNull(id, "id"), limit);
    }

    @Override
    public List<QueuedInput> queued(AgentId id) {
        return engine.queued(Objects.requireNonNull(id, "id"));
    }
}
