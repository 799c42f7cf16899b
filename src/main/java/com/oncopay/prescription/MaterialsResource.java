package com.oncopay.prescription;

import com.oncopay.platform.audit.ReadAudit;
import com.oncopay.platform.i18n.Messages;
import com.oncopay.platform.security.CurrentCaller;
import com.oncopay.platform.security.Roles;
import com.oncopay.platform.web.Ids;
import com.oncopay.prescription.MaterialRepository.Material;
import com.oncopay.prescription.MaterialsApi.Checklist;
import com.oncopay.prescription.MaterialsApi.MaterialRecord;
import com.oncopay.prescription.MaterialsApi.MaterialView;
import com.oncopay.prescription.domain.MaterialKind;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A prescription's materials checklist (#20 item 4): read by its member and staff, recorded by reviewers. */
@Path("/prescriptions/{id}/materials")
@Tag(name = "Prescriptions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MaterialsResource {
    private final PrescriptionMaterials materials;
    private final CurrentCaller caller;
    private final ReadAudit reads;

    public MaterialsResource(PrescriptionMaterials materials, CurrentCaller caller, ReadAudit reads) {
        this.materials = materials;
        this.caller = caller;
        this.reads = reads;
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.REVIEWER, Roles.ADMIN})
    public Uni<Checklist> checklist(@PathParam("id") String id, HttpHeaders headers) {
        return materials
                .checklist(id, caller.get())
                .invoke(c -> reads.staffRead(
                        caller.get(), c.prescription().memberId(), "PRESCRIPTION_MATERIALS_READ", "prescription", id))
                .map(c -> view(c, Messages.negotiate(headers.getAcceptableLanguages())));
    }

    @PUT
    @Path("/{kind}")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public Uni<Checklist> record(
            @PathParam("id") String id,
            @PathParam("kind") String kind,
            @Valid @NotNull MaterialRecord body,
            HttpHeaders headers) {
        return materials
                .record(id, kind, body, caller.get())
                .map(c -> view(c, Messages.negotiate(headers.getAcceptableLanguages())));
    }

    static Checklist view(PrescriptionMaterials.Checklist c, Locale locale) {
        Map<MaterialKind, Material> byKind =
                c.recorded().stream().collect(Collectors.toMap(Material::kind, Function.identity()));
        List<MaterialView> items = new ArrayList<>();
        for (MaterialKind k : MaterialKind.values()) {
            Material m = byKind.get(k);
            items.add(new MaterialView(
                    k.name(),
                    Messages.title(locale, "MATERIAL_KIND." + k.name()),
                    c.required().contains(k),
                    m != null && m.received(),
                    m == null ? null : m.channel(),
                    m == null ? null : m.note(),
                    m == null ? null : m.recordedRole(),
                    m == null ? null : Ids.local(m.recordedAt())));
        }
        List<String> missing = c.missing().stream().map(Enum::name).toList();
        return new Checklist(
                c.prescription().id().toString(),
                c.prescription().memberId(),
                c.prescription().drugId(),
                c.drugName(),
                c.prescription().status().name(),
                missing.isEmpty(),
                c.required().stream().map(Enum::name).toList(),
                missing,
                items);
    }
}
