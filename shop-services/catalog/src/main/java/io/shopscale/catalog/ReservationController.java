package io.shopscale.catalog;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.shopscale.kit.api.CatalogApi;
import io.shopscale.kit.api.CatalogApi.Reservation;
import io.shopscale.kit.client.InternalPaths;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** The catalog's side of {@link CatalogApi} for services that reach it over HTTP. */
@RestController
class ReservationController {

    private final CatalogApi catalog;

    ReservationController(CatalogApi catalog) {
        this.catalog = catalog;
    }

    @PostMapping(InternalPaths.CATALOG_RESERVATIONS)
    Reservation reserve(@Valid @RequestBody ReservationRequest request) {
        return catalog.reserve(request.key(), request.lines().stream()
                .map(line -> new CatalogApi.Line(line.productId(), line.quantity()))
                .toList());
    }

    @PostMapping(InternalPaths.CATALOG_RELEASES)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@Valid @RequestBody ReleaseRequest request) {
        catalog.release(request.key());
    }

    record ReservationRequest(@NotBlank @Size(max = 200) String key,
            @NotEmpty @Size(max = 50) List<@Valid LineRequest> lines) {
    }

    record LineRequest(@Min(1) long productId, @Min(1) @Max(100) int quantity) {
    }

    record ReleaseRequest(@NotBlank @Size(max = 200) String key) {
    }
}
