package dev.schemagate.model.catalog;

import dev.schemagate.model.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/** A user-defined type: an enum with its labels in order, a domain with its base type and checks, or a composite. */
public final class TypeDef {
    public enum Kind { ENUM, DOMAIN, COMPOSITE, OTHER }

    private final QualifiedName name;
    private final Kind kind;
    private final List<String> labels;
    private final String baseType;
    private final List<String> checks;

    public TypeDef(QualifiedName name, Kind kind, List<String> labels, String baseType, List<String> checks) {
        this.name = name;
        this.kind = kind;
        this.labels = labels == null ? new ArrayList<>() : new ArrayList<>(labels);
        this.baseType = baseType;
        this.checks = checks == null ? new ArrayList<>() : new ArrayList<>(checks);
    }

    public QualifiedName getName() {
        return name;
    }

    public Kind getKind() {
        return kind;
    }

    public List<String> getLabels() {
        return labels;
    }

    public String getBaseType() {
        return baseType;
    }

    public List<String> getChecks() {
        return checks;
    }

    public TypeDef copy() {
        return new TypeDef(name, kind, labels, baseType, checks);
    }
}
