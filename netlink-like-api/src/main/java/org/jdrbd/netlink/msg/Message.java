package org.jdrbd.netlink.msg;

/** A header followed by its tag list. */
public record Message(Header header, TagList tags) { }
