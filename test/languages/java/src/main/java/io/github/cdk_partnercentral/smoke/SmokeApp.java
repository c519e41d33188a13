package io.github.cdk_partnercentral.smoke;

import io.github.cdk_partnercentral.Catalog;
import io.github.cdk_partnercentral.ConnectionInvitation;
import io.github.cdk_partnercentral.ConnectionType;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The smoke tests' app in Java: the same app as test/languages/reference-app.ts, line for line. */
public final class SmokeApp {
    private SmokeApp() {
    }

    public static void main(final String[] args) {
        App app = new App();

        Stack invitations = new Stack(app, "PartnerInvitations");
        ConnectionInvitation partner = ConnectionInvitation.Builder.create(invitations, "PartnerInvitation")
                .catalog(Catalog.SANDBOX)
                .connectionType(ConnectionType.OPPORTUNITY_COLLABORATION)
                .receiverIdentifier("pprofile-0000example00")
                .email("alliances@example.com")
                .name("Pat Example")
                .message("Example Corp would like to co-sell with you on opportunities.")
                .build();
        ConnectionInvitation.Builder.create(invitations, "SubsidiaryInvitation")
                .catalog(Catalog.of("Sandbox"))
                .connectionType(ConnectionType.SUBSIDIARY)
                .receiverIdentifier("111122223333")
                .email("marketplace-seller@example.com")
                .name("Pat Example")
                .message("Please link this AWS Marketplace seller account.\nThank you!")
                .removalPolicy(RemovalPolicy.RETAIN)
                .serviceTimeout(Duration.minutes(10))
                .logRetention(RetentionDays.ONE_MONTH)
                .build();
        CfnOutput.Builder.create(invitations, "PartnerInvitationArn").value(partner.getConnectionInvitationArn()).build();

        if ("1".equals(System.getenv("PARTNERCENTRAL_SMOKE_INVALID"))) {
            ConnectionInvitation.Builder.create(invitations, "InvalidInvitation")
                    .catalog(Catalog.of("Prod!"))
                    .connectionType(ConnectionType.SUBSIDIARY)
                    .receiverIdentifier("pprofile-0000example00")
                    .email("x")
                    .name("Pat Example")
                    .message("Hello")
                    .build();
        }

        Stack consumer = new Stack(app, "PartnerConsumer");
        CfnOutput.Builder.create(consumer, "PartnerInvitationId").value(partner.getConnectionInvitationId()).build();
        Role reader = Role.Builder.create(consumer, "InvitationReader").assumedBy(new AccountRootPrincipal()).build();
        partner.grantRead(reader);

        app.synth();
    }
}
