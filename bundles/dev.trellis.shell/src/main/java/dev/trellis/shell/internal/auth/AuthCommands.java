package dev.trellis.shell.internal.auth;

import dev.trellis.api.auth.CredentialResolver;
import dev.trellis.api.auth.LoginService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo commands {@code trellis:auth-login}, {@code trellis:auth-status}, {@code trellis:auth-clear}. Gogo maps a
 * command name to a method of the same name, which {@code auth-login} cannot be; a {@link Function} service is
 * called directly, so each command is one registered here (Gogo does not tell a shared Function which name was
 * typed). The work is in {@link AuthShell}.
 */
@Component(service = {})
public final class AuthCommands {

    // optional + dynamic: the commands stay and say what is missing while the auth bundle is away
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CredentialResolver resolver;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LoginService login;

    private final Clock clock = Clock.systemUTC();
    private final List<ServiceRegistration<Function>> registrations = new ArrayList<>();

    @Activate
    public AuthCommands(BundleContext ctx) {
        register(ctx, "auth-login", (session, args) -> AuthShell.login(login(), strings(args), session.getConsole(), clock));
        register(ctx, "auth-status", (session, args) -> AuthShell.status(resolver(), strings(args), clock));
        register(ctx, "auth-clear", (session, args) -> AuthShell.clear(login(), strings(args), clock));
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private void register(BundleContext ctx, String name, Function f) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", "trellis");
        props.put("osgi.command.function", name);
        registrations.add(ctx.registerService(Function.class, f, props));
    }

    private static List<String> strings(List<Object> args) {
        return args.stream().map(String::valueOf).toList();
    }

    private CredentialResolver resolver() {
        CredentialResolver r = resolver;
        if (r == null) {
            throw new IllegalStateException("no CredentialResolver: is the dev.trellis.auth bundle active? (lb trellis)");
        }
        return r;
    }

    private LoginService login() {
        LoginService l = login;
        if (l == null) {
            throw new IllegalStateException("no LoginService: is the dev.trellis.auth bundle active? (lb trellis)");
        }
        return l;
    }
}
