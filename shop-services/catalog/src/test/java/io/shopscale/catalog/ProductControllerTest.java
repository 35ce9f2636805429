package io.shopscale.catalog;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.shopscale.kit.api.CatalogApi;
import io.shopscale.kit.client.InternalPaths;
import io.shopscale.kit.testing.ShopKitWebSlice;

/** The catalog's web layer: public reads with checked paging, reservations only for the stack's services. */
@WebMvcTest(controllers = {ProductController.class, ReservationController.class},
        properties = "shop.internal.token=stack-internal-secret")
@Import(ShopKitWebSlice.class)
class ProductControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ProductRepository products;
    @MockitoBean
    private CatalogApi catalog;

    @Test
    void anUnknownProductIsANotFoundProblem() throws Exception {
        when(products.find(999)).thenReturn(Optional.empty());

        mvc.perform(get("/api/catalog/products/999"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("There is no product with id 999."));
    }

    @Test
    void aPageOutOfRangeIsRefusedBeforeTheDatabaseIsAsked() throws Exception {
        mvc.perform(get("/api/catalog/products?size=500"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("size must be between 1 and 100")));
        verify(products, never()).search(anyString(), anyInt(), anyInt());
    }

    @Test
    void aReservationWithoutTheInternalCredentialReservesNothing() throws Exception {
        mvc.perform(post(InternalPaths.CATALOG_RESERVATIONS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"key\":\"order:1\",\"lines\":[{\"productId\":1,\"quantity\":1}]}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(catalog, never()).reserve(anyString(), org.mockito.ArgumentMatchers.any());
    }
}
