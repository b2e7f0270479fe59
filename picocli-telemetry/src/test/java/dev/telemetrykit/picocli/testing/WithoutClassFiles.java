package dev.telemetrykit.picocli.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * Runs a main class (the first argument) the way a GraalVM native image runs it, as far as the SDK
 * can tell: every class has no code source and no class file is a resource. A native image cannot
 * be built here; this is what reading the app's annotation meets in one. The classes named in
 * {@code -Dvisible.classFiles} (comma-separated) keep their class files as resources, as a native
 * image does for class files registered as resources.
 *
 * <p>Everything on the class path is loaded by this loader (the JDK's by the platform loader), so
 * the SDK, Picocli and the app see the same view.
 */
public final class WithoutClassFiles extends URLClassLoader {
  private final Set<String> visible;

  private WithoutClassFiles(URL[] classPath, Set<String> visible) {
    super(classPath, ClassLoader.getPlatformClassLoader());
    this.visible = visible;
  }

  public static void main(String[] args) throws Throwable {
    String names = System.getProperty("visible.classFiles", "");
    Set<String> visible = Set.copyOf(names.isEmpty() ? List.of() : Arrays.asList(names.split(",")));
    WithoutClassFiles loader = new WithoutClassFiles(classPath(), visible);
    Thread.currentThread().setContextClassLoader(loader);
    Class<?> main = Class.forName(args[0], true, loader);
    try {
      main.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause(); // as the app's own main would have thrown it
    }
  }

  private static URL[] classPath() throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    return urls.toArray(new URL[0]);
  }

  /** Defines the class with no protection domain, so it has no code source to read a file from. */
  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    URL url = super.findResource(name.replace('.', '/').concat(".class"));
    if (url == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = url.openStream()) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0 && getDefinedPackage(name.substring(0, dot)) == null) {
      definePackage(name.substring(0, dot), null, null, null, null, null, null, null);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  @Override
  public URL findResource(String name) {
    return hidden(name) ? null : super.findResource(name);
  }

  @Override
  public Enumeration<URL> findResources(String name) throws IOException {
    return hidden(name) ? Collections.emptyEnumeration() : super.findResources(name);
  }

  private boolean hidden(String name) {
    if (!name.endsWith(".class")) {
      return false;
    }
    String className = name.substring(name.startsWith("/") ? 1 : 0, name.length() - ".class".length()).replace('/', '.');
    return !visible.contains(className);
  }
}
