package dev.trellis.api.auth;

import java.net.URI;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells the person logging in what to do. Called from the login's own thread; implementations
 * should return quickly (e.g. show the URL or code and return).
 */
@ConsumerType
public interface LoginProgress {

    /** Loopback flow: open this URL in a browser on this machine. */
    void openBrowser(URI authorizeUrl);

    /** Device-code flow: show the code and URL. Called again if a new code is issued. */
    void showDeviceCode(DeviceCode code);
}
