package dev.trellis.messaging.internal;

import dev.trellis.api.messaging.Delivery;
import dev.trellis.api.messaging.HostMessaging;
import dev.trellis.api.messaging.MessageAuthor;
import dev.trellis.api.messaging.Recipient;
import dev.trellis.api.plugin.PluginId;
import java.util.Objects;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * {@link HostMessaging} with bundle scope: DS creates one instance per using bundle, and every message
 * sent through it is authored {@code plugin <that bundle's symbolic name>}. There is no author
 * parameter, so a plugin cannot send as anyone else.
 */
@Component(service = HostMessaging.class, scope = ServiceScope.BUNDLE)
public final class HostMessagingImpl implements HostMessaging {

    private final Router router;
    private final MessageAuthor author;

    @Activate
    public HostMessagingImpl(@Reference Router router, ComponentContext context) {
        this(router, PluginId.of(context.getUsingBundle().getSymbolicName()));
    }

    HostMessagingImpl(Router router, PluginId caller) {
        this.router = Objects.requireNonNull(router, "router");
        this.author = new MessageAuthor.Plugin(caller);
    }

    @Override
    public Delivery send(Recipient to, String body) {
        return router.send(author, to, body);
    }
}
