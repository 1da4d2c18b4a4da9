package org.jdrbd.netlink.msg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdrbd.netlink.schema.TagDef;

/** An ordered list of tags; a tag may repeat (e.g. OBJECT, FIELD). */
public final class TagList {
    private final List<Tag> tags = new ArrayList<>();

    /** Appends a tag. */
    public TagList add(Tag t) {
        tags.add(t);
        return this;
    }

    /** Appends an integer tag. */
    public TagList addLong(TagDef d, long v) {
        return add(new Tag(d, v));
    }

    /** Appends a FLAG tag. */
    public TagList addFlag(TagDef d, boolean v) {
        return add(new Tag(d, v));
    }

    /** Appends a STRING tag. */
    public TagList addString(TagDef d, String v) {
        return add(new Tag(d, v));
    }

    /** Appends a NESTED tag. */
    public TagList addNested(TagDef d, TagList v) {
        return add(new Tag(d, v));
    }

    /** All tags in order. */
    public List<Tag> all() {
        return Collections.unmodifiableList(tags);
    }

    /** Number of tags at this level. */
    public int size() {
        return tags.size();
    }

    /** The first tag with this definition, or null. */
    public Tag find(TagDef d) {
        for (Tag t : tags) {
            if (t.def().number() == d.number()) {
                return t;
            }
        }
        return null;
    }

    /** Every tag with this definition, in order. */
    public List<Tag> findAll(TagDef d) {
        List<Tag> out = new ArrayList<>();
        for (Tag t : tags) {
            if (t.def().number() == d.number()) {
                out.add(t);
            }
        }
        return out;
    }

    /** True when a tag with this definition is present. */
    public boolean has(TagDef d) {
        return find(d) != null;
    }

    /** Integer value or the fallback. */
    public long getLong(TagDef d, long fallback) {
        Tag t = find(d);
        return t == null ? fallback : (Long) t.value();
    }

    /** Flag value, false when absent. */
    public boolean getFlag(TagDef d) {
        Tag t = find(d);
        return t != null && (Boolean) t.value();
    }

    /** String value or the fallback. */
    public String getString(TagDef d, String fallback) {
        Tag t = find(d);
        return t == null ? fallback : (String) t.value();
    }

    /** Nested list, or null when absent. */
    public TagList getNested(TagDef d) {
        Tag t = find(d);
        return t == null ? null : (TagList) t.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagList other && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return tags.hashCode();
    }

    @Override
    public String toString() {
        return tags.toString();
    }
}
