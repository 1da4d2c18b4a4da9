package org.jdrbd.drbdadm.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * drbdadm's general options, parsed with picocli's programmatic model (no annotations, no
 * reflection at start-up). Unknown "--xxx" words are kept as backend options for
 * drbdsetup/drbdmeta, as drbd-utils does.
 */
public final class Options {
    public String configFile;
    public boolean dryRun;
    public boolean verbose;
    public boolean stacked;
    public boolean version;
    public boolean help;
    public String drbdsetup;
    public String drbdmeta;
    public String shVarname;
    public final List<String> setupOptions = new ArrayList<>();
    public String command;
    public final List<String> names = new ArrayList<>();
    public final List<String> backendOpts = new ArrayList<>();

    /** Parses argv; returns null and prints nothing on success, else an error text. */
    public static Options parse(String[] argv) {
        CommandSpec spec = CommandSpec.create();
        spec.addOption(OptionSpec.builder("-c", "--config-file").type(String.class).build());
        spec.addOption(OptionSpec.builder("-t", "--config-to-test").type(String.class).build());
        spec.addOption(OptionSpec.builder("-E", "--config-to-exclude").type(String.class).build());
        spec.addOption(OptionSpec.builder("-s", "--drbdsetup").type(String.class).build());
        spec.addOption(OptionSpec.builder("-m", "--drbdmeta").type(String.class).build());
        spec.addOption(OptionSpec.builder("-p", "--drbd-proxy-ctl").type(String.class).build());
        spec.addOption(OptionSpec.builder("-n", "--sh-varname").type(String.class).build());
        spec.addOption(OptionSpec.builder("-W", "--setup-option").type(String[].class).build());
        for (String[] f : new String[][] {{"-d", "--dry-run"}, {"-v", "--verbose"},
                {"-S", "--stacked"}, {"-V", "--version"}, {"-h", "--help"}}) {
            spec.addOption(OptionSpec.builder(f).type(boolean.class).build());
        }
        spec.addPositional(PositionalParamSpec.builder().type(String[].class).arity("0..*").build());
        CommandLine cl = new CommandLine(spec);
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setPosixClusteredShortOptionsAllowed(true);
        Options o = new Options();
        List<String> args = new ArrayList<>();
        List<String> passThrough = new ArrayList<>();
        boolean dashdash = false;
        for (String a : argv) {
            if (dashdash) {
                passThrough.add(a);
            } else if (a.equals("--")) {
                dashdash = true;
            } else {
                args.add(a);
            }
        }
        ParseResult pr = cl.parseArgs(args.toArray(new String[0]));
        o.configFile = pr.matchedOptionValue("-c", null);
        o.drbdsetup = pr.matchedOptionValue("-s", null);
        o.drbdmeta = pr.matchedOptionValue("-m", null);
        o.shVarname = pr.matchedOptionValue("-n", null);
        String[] w = pr.matchedOptionValue("-W", new String[0]);
        o.setupOptions.addAll(List.of(w));
        o.dryRun = pr.hasMatchedOption("-d");
        o.verbose = pr.hasMatchedOption("-v");
        o.stacked = pr.hasMatchedOption("-S");
        o.version = pr.hasMatchedOption("-V");
        o.help = pr.hasMatchedOption("-h");
        List<String> pos = new ArrayList<>();
        if (pr.hasMatchedPositional(0)) {
            pos.addAll(List.of((String[]) pr.matchedPositional(0).getValue()));
        }
        pos.addAll(passThrough);
        for (String p : pos) {
            if (p.startsWith("-") && p.length() > 1) {
                o.backendOpts.add(p);
            } else if (o.command == null) {
                o.command = p;
            } else {
                o.names.add(p);
            }
        }
        return o;
    }
}
