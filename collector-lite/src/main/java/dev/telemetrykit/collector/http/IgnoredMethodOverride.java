package dev.telemetrykit.collector.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Hides the {@code X-HTTP-Method-Override} header from Javalin, which otherwise routes a request by
 * that header instead of its real method ({@code Context.method()}): a GET or POST to
 * {@code /users/{id}} carrying {@code X-HTTP-Method-Override: DELETE} would delete the user's data,
 * from any web page able to make a simple cross-origin request. Every request acts as the method it
 * was sent with.
 */
final class IgnoredMethodOverride implements Filter {
  static final String HEADER = "X-HTTP-Method-Override";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    chain.doFilter(http.getHeader(HEADER) == null ? request : new WithoutOverride(http), response);
  }

  private static final class WithoutOverride extends HttpServletRequestWrapper {
    WithoutOverride(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      return HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
          .filter(name -> !HEADER.equalsIgnoreCase(name)).toList());
    }
  }
}
