package dev.beca.memory.internal;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.factory.DefaultObjectFactory;

/**
 * MyBatis's object factory for this package's row types, whose classes are package-private: the
 * default factory calls their constructor first without access, catches the {@link
 * IllegalAccessException} and then makes it accessible, on every row (an exception with its stack
 * trace per row read). This one makes each constructor accessible once and keeps it. Other types
 * (collections, maps, JDK classes) are left to the default factory.
 */
final class AccessibleObjectFactory extends DefaultObjectFactory {

  private static final long serialVersionUID = 1L;

  /** A constructor by its class and parameter types. */
  private record Key(Class<?> type, List<Class<?>> parameterTypes) {}

  private final transient Map<Key, Constructor<?>> constructors = new ConcurrentHashMap<>();

  @Override
  public <T> T create(
      Class<T> type, List<Class<?>> constructorArgTypes, List<Object> constructorArgs) {
    if (type.getClassLoader() != AccessibleObjectFactory.class.getClassLoader()
        || !type.getPackageName().equals(AccessibleObjectFactory.class.getPackageName())) {
      return super.create(type, constructorArgTypes, constructorArgs);
    }
    List<Class<?>> parameterTypes = constructorArgTypes == null ? List.of() : constructorArgTypes;
    Constructor<?> constructor =
        constructors.computeIfAbsent(new Key(type, parameterTypes), AccessibleObjectFactory::find);
    try {
      return type.cast(
          constructor.newInstance(
              constructorArgs == null ? new Object[0] : constructorArgs.toArray()));
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new ReflectionException(
          "Error instantiating " + type + " with arguments " + constructorArgs + ": " + e, e);
    }
  }

  private static Constructor<?> find(Key key) {
    try {
      Constructor<?> constructor =
          key.type().getDeclaredConstructor(key.parameterTypes().toArray(new Class<?>[0]));
      constructor.setAccessible(true);
      return constructor;
    } catch (NoSuchMethodException e) {
      throw new ReflectionException(
          "No constructor of " + key.type() + " takes " + key.parameterTypes(), e);
    }
  }
}
