package io.shopscale.payments;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.shopscale.kit.api.PaymentsApi;
import io.shopscale.kit.client.InternalPaths;
import io.shopscale.kit.security.InternalCredential;
import io.shopscale.kit.testing.ShopKitWebSlice;

/** Payments' web layer: internal paths only with the stack's credential, problem details for what is wrong. */
@WebMvcTest(controllers = PaymentController.class, properties = "shop.internal.token=" + PaymentControllerTest.TOKEN)
@Import(ShopKitWebSlice.class)
class PaymentControllerTest {

    static final String TOKEN = "stack-internal-secret";
    private static final String CHARGE = "{\"key\":\"order:1\",\"payerId\":\"" + UUID.randomUUID()
            + "\",\"amountCents\":1250}";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private PaymentProvider provider;

    @Test
    void aChargeWithTheInternalCredentialIsTaken() throws Exception {
        when(provider.charge(any())).thenReturn(new PaymentsApi.Payment("pay-1", "order:1", 1250, "CAPTURED"));

        mvc.perform(post(InternalPaths.PAYMENTS_CHARGES).header(InternalCredential.HEADER, TOKEN)
                        .contentType(MediaType.APPLICATION_JSON).content(CHARGE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("pay-1"));
    }

    @Test
    void withoutTheCredentialOrWithAWrongOneNothingIsChargedOrChanged() throws Exception {
        mvc.perform(post(InternalPaths.PAYMENTS_CHARGES).contentType(MediaType.APPLICATION_JSON).content(CHARGE))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        InternalCredential.HEADER)));
        mvc.perform(put(InternalPaths.PAYMENTS_SIMULATION).header(InternalCredential.HEADER, "guess")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"latencyMs\":0,\"failureRate\":1.0}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get(InternalPaths.PAYMENTS_SIMULATION)).andExpect(status().isUnauthorized());

        verify(provider, never()).charge(any());
        verify(provider, never()).simulate(any());
        verify(provider, never()).simulation();
    }

    @Test
    void anOutOfRangeSimulationIsAProblemDetail() throws Exception {
        mvc.perform(put(InternalPaths.PAYMENTS_SIMULATION).header(InternalCredential.HEADER, TOKEN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"latencyMs\":0,\"failureRate\":1.5}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("failureRate")));
        verify(provider, never()).simulate(any());
    }

    @Test
    void aChargeWithoutAKeyIsAProblemDetail() throws Exception {
        mvc.perform(post(InternalPaths.PAYMENTS_CHARGES).header(InternalCredential.HEADER, TOKEN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"payerId\":\"" + UUID.randomUUID()
                                + "\",\"amountCents\":1250}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(provider, never()).charge(any());
    }
}
