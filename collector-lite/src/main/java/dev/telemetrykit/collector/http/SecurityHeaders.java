package dev.telemetrykit.collector.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers on every response that keep the dashboard to itself: its scripts, styles and data come
 * only from this collector (no inline script, nothing from another origin), it is never shown in
 * a frame (clickjacking), the browser never guesses a type from content, and no referrer leaves.
 * The API's JSON gets the same headers: they cost nothing there and no route can forget them.
 */
final class SecurityHeaders implements Filter {
  /**
   * Everything the page needs and no more. {@code style-src 'self'} still lets uPlot size and place
   * its elements through the style properties of the DOM; only style attributes and elements in
   * markup are refused.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    http.setHeader("X-Content-Type-Options", "nosniff");
    http.setHeader("X-Frame-Options", "DENY"); // for browsers older than frame-ancestors
    http.setHeader("Referrer-Policy", "no-referrer");
    chain.doFilter(request, response);
  }
}
