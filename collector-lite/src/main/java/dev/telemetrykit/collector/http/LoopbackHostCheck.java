package dev.telemetrykit.collector.http;

import dev.telemetrykit.collector.ingest.RequestRejectedException;
import dev.telemetrykit.collector.security.AdminToken;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * While no admin token guards the API (a collector on loopback), answers only requests addressed to
 * a loopback name. Otherwise a web page could rebind its own host name to 127.0.0.1 (DNS
 * rebinding) and, being "same origin" for the browser, read the analytics and delete users' data
 * on the machine of whoever opens it. A browser always sends the page's host name in {@code Host};
 * local tools send {@code localhost} or the address. {@code /health} holds nothing and stays open.
 */
public final class LoopbackHostCheck implements RouteGroup {
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
  private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}");

  private final Supplier<AdminToken> token;

  /**
   * Checks host names while {@code token} is not required.
   *
   * @param token the token in force; may block until storage is open, like {@link AdminAuthentication}
   */
  public LoopbackHostCheck(Supplier<AdminToken> token) {
    this.token = token;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.before(this::check);
  }

  private void check(Context ctx) {
    if (HealthRoutes.PATH.equals(ctx.path()) || isLoopback(ctx.header("Host")) || token.get().required()) {
      return;
    }
    // The message never repeats the name sent: it is the attacker's text.
    throw RequestRejectedException.misdirected("this collector has no admin token, so it answers only requests"
        + " addressed to localhost, 127.0.0.1 or [::1]; start it with --admin-token to serve other host names");
  }

  /** Whether a {@code Host} header names loopback, with or without a port. */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String name = host.strip().toLowerCase(Locale.ROOT);
    int portStart = name.lastIndexOf(':');
    if (portStart > name.lastIndexOf(']') && PORT.matcher(name.substring(portStart)).matches()) {
      name = name.substring(0, portStart);
    }
    return LOOPBACK_NAMES.contains(name);
  }
}
