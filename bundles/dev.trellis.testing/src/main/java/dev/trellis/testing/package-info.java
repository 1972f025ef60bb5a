/**
 * What the in-framework test bundles share. Test support only: no product bundle imports it, and only the
 * itest bndruns resolve the bundle (through the test bundles' Import-Package).
 *
 * <p>1.0.0: {@link dev.trellis.testing.SurefireSummary}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.trellis.testing;
