package io.microspring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * go-micro's command-line syntax: {@code --registry=etcd --registry_address 127.0.0.1:2379}. A flag
 * has one or two dashes and takes its value after {@code =} or as the next argument; a boolean flag
 * takes a value only with {@code =}. go-micro flag {@code some_flag} is property
 * {@code micro.some-flag}; a name with a dot ({@code --server.port=9000}) is a Spring property.
 */
public final class GoMicroFlags {

    /** The boolean flags every service has. */
    private static final Set<String> SERVICE_BOOLEAN_FLAGS = Set.of("register_fail_fast");

    private GoMicroFlags() {
    }

    /**
     * Splits {@code args} into flags and the other arguments, in order; {@code booleanFlags} are
     * the program's own flags that take no separate value, besides those every service has.
     */
    public static CommandLine parse(List<String> args, Set<String> booleanFlags) {
        List<Flag> flags = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!isFlag(arg)) {
                arguments.add(arg);
                continue;
            }
            String flag = arg.substring(arg.startsWith("--") ? 2 : 1);
            int equals = flag.indexOf('=');
            String name = equals < 0 ? flag : flag.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = flag.substring(equals + 1);
            } else if (booleanFlags.contains(name) || SERVICE_BOOLEAN_FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 < args.size() && !isFlag(args.get(i + 1))) {
                value = args.get(++i);
            } else {
                value = null;
            }
            flags.add(new Flag(name, value));
        }
        return new CommandLine(List.copyOf(flags), List.copyOf(arguments));
    }

    private static boolean isFlag(String arg) {
        return arg.startsWith("-") && !arg.equals("-") && !arg.equals("--");
    }

    /**
     * One flag.
     *
     * @param name the name as given, without dashes: {@code registry_address}
     * @param value its value, or {@code null} when none was given
     */
    public record Flag(String name, String value) {

        /** Whether the flag is a Spring property ({@code --server.port=9000}) rather than a go-micro flag. */
        public boolean isSpringProperty() {
            return name.contains(".");
        }

        /** The property the flag sets: {@code micro.registry-address} for {@code registry_address}. */
        public String property() {
            return isSpringProperty() ? name : "micro." + name.replace('_', '-');
        }
    }

    /**
     * A parsed command line.
     *
     * @param flags the flags, in order
     * @param arguments the arguments that are neither flags nor flag values, in order
     */
    public record CommandLine(List<Flag> flags, List<String> arguments) {
    }
}
