package dev.telemetrykit.sample;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.JarFile;

/**
 * A launcher in the manner of Spring Boot's for nested jars: started with only itself on the
 * class path, it loads the application jar through a class loader of its own and calls the jar's
 * main class. The application then sees a {@code java.class.path} that does not name its own jar.
 *
 * <p>{@code java -cp <dir of this class alone> dev.telemetrykit.sample.NestedJarLauncher <jar> <args>}.
 * It must stay one class file (no nested or anonymous classes): {@link ShippingFormsIT} copies it
 * alone into an empty directory.
 */
public final class NestedJarLauncher {
  private NestedJarLauncher() {}

  public static void main(String[] args) throws Throwable {
    Path jar = Path.of(args[0]);
    String mainClass;
    try (JarFile file = new JarFile(jar.toFile())) {
      mainClass = file.getManifest().getMainAttributes().getValue("Main-Class");
    }
    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, NestedJarLauncher.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    Method main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
