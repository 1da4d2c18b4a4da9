package org.jdrbd.drbdadm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * drbdadm's command line, read the way drbd-utils reads it (GNU getopt_long, options and
 * words in any order, long options abbreviable). Options act in the order given: -c opens
 * the config file and -s/-m/-p check their program right away, -V prints the version and
 * ends the parse; the first problem ends it too ({@link #error}). Backend options ("--force",
 * "--max-peers=N") are kept in their full spelling for the command to check and pass on.
 */
public final class Options {
    /** What the option checks need from the outside world (files). */
    public interface Probe {
        /** The config file can be opened for reading. */
        boolean readable(String file);

        /** The program exists and may be executed. */
        boolean executable(String path);
    }

    /** The general options: long name to short letter; letters in TAKES_VALUE need a value. */
    private static final Map<String, Character> GENERAL = new java.util.LinkedHashMap<>();
    private static final String TAKES_VALUE = "ctEsmpnW";
    private static final String FLAGS = "dvSVh";

    static {
        GENERAL.put("stacked", 'S');
        GENERAL.put("dry-run", 'd');
        GENERAL.put("verbose", 'v');
        GENERAL.put("config-file", 'c');
        GENERAL.put("config-to-test", 't');
        GENERAL.put("config-to-exclude", 'E');
        GENERAL.put("drbdsetup", 's');
        GENERAL.put("drbdmeta", 'm');
        GENERAL.put("drbd-proxy-ctl", 'p');
        GENERAL.put("sh-varname", 'n');
        GENERAL.put("version", 'V');
        GENERAL.put("setup-option", 'W');
        GENERAL.put("help", 'h');
    }

    public String configFile;
    public String configToTest;
    public final List<String> configToExclude = new ArrayList<>();
    public boolean dryRun;
    public boolean verbose;
    public boolean stacked;
    public boolean version;
    public boolean help;
    public String drbdsetup;
    public String drbdmeta;
    public String proxyCtl;
    public String shVarname;
    public final List<String> setupOptions = new ArrayList<>();
    public String command;
    public final List<String> names = new ArrayList<>();
    public final List<String> backendOpts = new ArrayList<>();
    /** The first problem (message as printed, with newline), or null. */
    public String error;
    /** drbdadm's exit code for {@link #error}. */
    public int errorCode;

    private final List<String> words = new ArrayList<>();

    /** Reads argv; never throws for bad input (see {@link #error}). */
    public static Options parse(String[] argv, Probe probe) {
        Options o = new Options();
        o.read(argv, probe);
        // drbd-utils takes the first word that names a command (words before it are dropped)
        int at = 0;
        for (int k = 0; k < o.words.size(); k++) {
            if (Commands.known(o.words.get(k)) || o.words.get(k).equals("help")) {
                at = k;
                break;
            }
        }
        if (!o.words.isEmpty()) {
            o.command = o.words.get(at);
            o.names.addAll(o.words.subList(at + 1, o.words.size()));
        }
        return o;
    }

    private void read(String[] argv, Probe probe) {
        boolean onlyWords = false;
        for (int i = 0; i < argv.length && error == null && !version; i++) {
            String a = argv[i];
            if (onlyWords || a.equals("-") || !a.startsWith("-")) {
                words.add(a);
            } else if (a.equals("--")) {
                onlyWords = true;
            } else if (a.startsWith("--")) {
                i = longOption(argv, i, probe);
            } else {
                i = shortOptions(argv, i, probe);
            }
        }
    }

    /** One entry of the getopt table: name, '=' value needed / '?' optional / ' ' none, id. */
    private record Entry(String name, char arg, char id) { }

    /**
     * The getopt table: the general options (each with its own letter), then every command's
     * options, which all share one id, so that repeats and look-alikes are not ambiguous.
     */
    private static final List<Entry> TABLE = new ArrayList<>();

    static {
        GENERAL.forEach((n, l) -> TABLE.add(new Entry(n, TAKES_VALUE.indexOf(l) >= 0 ? '=' : ' ', l)));
        for (String o : CommandOptions.getoptTable()) {
            TABLE.add(new Entry(o.substring(0, o.length() - 1), o.charAt(o.length() - 1), '*'));
        }
    }

    /** One --name[=value]; returns the index of the last argv element used. */
    private int longOption(String[] argv, int i, Probe probe) {
        String body = argv[i].substring(2);
        int eq = body.indexOf('=');
        String typed = eq < 0 ? body : body.substring(0, eq);
        String value = eq < 0 ? null : body.substring(eq + 1);
        Entry e = resolve(typed, body);
        if (e == null) {
            return i;
        }
        if (e.arg() == ' ' && value != null) {
            fail("drbdadm: option '--" + e.name() + "' doesn't allow an argument\n");
            return i;
        }
        if (e.arg() == '=' && value == null) {
            if (i + 1 >= argv.length) {
                fail("drbdadm: option '--" + e.name() + "' requires an argument\n");
                return i;
            }
            value = argv[++i];
        }
        if (e.id() != '*') {
            apply(e.id(), value, probe);
        } else {
            backendOpts.add("--" + e.name() + (value == null ? "" : "=" + value));
        }
        return i;
    }

    /**
     * The table entry for what was typed, as GNU getopt_long picks it: the first exact name,
     * else the first entry it begins, unless a later such entry differs in kind (value rule or
     * id): then it is ambiguous. Null (with the error set) when nothing fits.
     */
    private Entry resolve(String typed, String body) {
        Entry found = null;
        List<Entry> differing = new ArrayList<>();
        for (Entry e : TABLE) {
            if (e.name().equals(typed)) {
                return e;
            }
            if (!e.name().startsWith(typed)) {
                continue;
            }
            if (found == null) {
                found = e;
            } else if (e.arg() != found.arg() || e.id() != found.id()) {
                differing.add(e);
            }
        }
        if (found == null) {
            fail("drbdadm: unrecognized option '--" + body + "'\n");
            return null;
        }
        if (differing.isEmpty()) {
            return found;
        }
        StringBuilder b = new StringBuilder("drbdadm: option '--" + body
                + "' is ambiguous; possibilities: '--" + found.name() + "'");
        differing.forEach(e -> b.append(" '--").append(e.name()).append('\''));
        fail(b.append('\n').toString());
        return null;
    }

    /** A cluster like -dv or -cFILE; returns the index of the last argv element used. */
    private int shortOptions(String[] argv, int i, Probe probe) {
        String a = argv[i];
        for (int k = 1; k < a.length() && error == null && !version; k++) {
            char ch = a.charAt(k);
            if (TAKES_VALUE.indexOf(ch) >= 0) {
                String value = a.substring(k + 1);
                if (value.isEmpty()) {
                    if (i + 1 >= argv.length) {
                        fail("drbdadm: option requires an argument -- '" + ch + "'\n");
                        return i;
                    }
                    value = argv[++i];
                }
                apply(ch, value, probe);
                return i;
            }
            if (FLAGS.indexOf(ch) < 0) {
                fail("drbdadm: invalid option -- '" + ch + "'\n");
                return i;
            }
            apply(ch, null, probe);
        }
        return i;
    }

    private void apply(char letter, String value, Probe probe) {
        switch (letter) {
            case 'd' -> dryRun = true;
            case 'v' -> verbose = true;
            case 'S' -> stacked = true;
            case 'V' -> version = true;
            case 'h' -> help = true;
            case 'c' -> {
                configFile = value;
                if (!value.equals("-") && !probe.readable(value)) {
                    error = "Can not open '" + value + "'.\n.";
                    errorCode = 20;
                }
            }
            case 't' -> configToTest = value;
            case 'E' -> configToExclude.add(value);
            case 's' -> drbdsetup = program(value, probe);
            case 'm' -> drbdmeta = program(value, probe);
            case 'p' -> proxyCtl = program(value, probe);
            case 'n' -> shVarname = value;
            case 'W' -> setupOptions.add(value);
            default -> throw new IllegalStateException("unhandled option -" + letter);
        }
    }

    private String program(String path, Probe probe) {
        if (!probe.executable(path)) {
            error = "Can not find command (drbdsetup/drbdmeta)\n";
            errorCode = 20;
        }
        return path;
    }

    private void fail(String message) {
        error = message + "try 'drbdadm help'\n";
        errorCode = 1;
    }

    /** The first backend option cmd does not take, as drbd-utils reports it; null if none. */
    String unsupportedBackendOption(String cmd) {
        for (String b : backendOpts) {
            int eq = b.indexOf('=');
            String name = b.substring(2, eq < 0 ? b.length() : eq);
            if (!CommandOptions.accepts(cmd, name)) {
                return "drbdadm: unrecognized option '--" + name + "'\ntry 'drbdadm help " + cmd
                        + "'\n";
            }
        }
        return null;
    }
}
