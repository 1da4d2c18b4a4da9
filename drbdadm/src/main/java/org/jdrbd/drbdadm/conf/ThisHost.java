package org.jdrbd.drbdadm.conf;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;
import java.util.Locale;

/** drbd-utils 9's rules for "is this host section me". */
public final class ThisHost {
    private ThisHost() { }

    /** Case-insensitive; short name against FQDN unless both contain a dot. */
    public static boolean namesEqual(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        if (x.contains(".") && y.contains(".")) {
            return x.equals(y);
        }
        int dx = x.indexOf('.');
        int dy = y.indexOf('.');
        return (dx < 0 ? x : x.substring(0, dx)).equals(dy < 0 ? y : y.substring(0, dy));
    }

    /** True when addr is configured on a local interface. */
    public static boolean haveIp(String addr) {
        try {
            InetAddress want = InetAddress.getByName(addr);
            Enumeration<NetworkInterface> ifs = NetworkInterface.getNetworkInterfaces();
            while (ifs != null && ifs.hasMoreElements()) {
                Enumeration<InetAddress> as = ifs.nextElement().getInetAddresses();
                while (as.hasMoreElements()) {
                    InetAddress a = as.nextElement();
                    if (java.util.Arrays.equals(a.getAddress(), want.getAddress())) {
                        return true;
                    }
                }
            }
        } catch (SocketException | java.net.UnknownHostException e) {
            return false;
        }
        return false;
    }
}
