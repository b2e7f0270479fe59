package dev.telemetrykit.collector.http;

import dev.telemetrykit.collector.ingest.RequestRejectedException;
import dev.telemetrykit.collector.security.AdminToken;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Guards the analytics API, and so the dashboard's data, with the admin token:
 * {@code Authorization: Bearer <token>}, else 401. Open when no token is required.
 */
public final class AdminAuthentication implements RouteGroup {
  /** Paths that need the token. */
  static final String[] GUARDED = {"/api/*"};
  private static final String CHALLENGE = "Bearer realm=\"collector-lite\"";

  private final Supplier<AdminToken> token;

  /**
   * Guards the API with {@code token}.
   *
   * @param token the token in force; may block until storage is open, because a generated token's
   *     digest is kept in the database
   */
  public AdminAuthentication(Supplier<AdminToken> token) {
    this.token = token;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    for (String path : GUARDED) {
      routes.before(path, this::check);
    }
  }

  private void check(Context ctx) {
    if (!token.get().accepts(bearer(ctx.header("Authorization")))) {
      // The message never repeats what was sent: a mistyped token is still most of a token.
      throw RequestRejectedException.unauthorized(
          "missing or wrong admin token: send the header Authorization: Bearer <token>", CHALLENGE);
    }
  }

  /** The credentials of a Bearer header (scheme case-insensitive), or null. */
  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return null;
    }
    return value.substring(space + 1).strip();
  }
}
