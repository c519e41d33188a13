package io.github.cdk_partnercentral.smoke;

import io.github.cdk_partnercentral.CancelOnDeleteOptions;
import io.github.cdk_partnercentral.Catalog;
import io.github.cdk_partnercentral.Connection;
import io.github.cdk_partnercentral.ConnectionInvitation;
import io.github.cdk_partnercentral.ConnectionInvitationAccepter;
import io.github.cdk_partnercentral.ConnectionType;
import io.github.cdk_partnercentral.IConnectionInvitation;
import io.github.cdk_partnercentral.InvitationProvider;
import io.github.cdk_partnercentral.InvitationProviderProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.OnEventOptions;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;

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

        Stack sender = new Stack(app, "PartnerSender", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("us-east-1").build()).build());
        InvitationProvider.configure(sender, InvitationProviderProps.builder().reservedConcurrentExecutions(2).build());
        ConnectionInvitation subsidiary = ConnectionInvitation.Builder.create(sender, "SubsidiaryInvitation")
                .catalog(Catalog.AWS)
                .connectionType(ConnectionType.SUBSIDIARY)
                .receiverIdentifier("222222222222")
                .email("marketplace-seller@example.com")
                .name("Pat Example")
                .message("Please link this AWS Marketplace seller account.")
                .build();
        Role operator = Role.Builder.create(sender, "InvitationOperator").assumedBy(new AccountRootPrincipal()).build();
        subsidiary.grant(operator, "partnercentral:GetConnectionInvitation", "partnercentral:ListConnectionInvitations");
        subsidiary.onAccepted("Accepted", OnEventOptions.builder().target(new SnsTopic(new Topic(sender, "AcceptedTopic"))).build());

        Stack receiver = new Stack(app, "PartnerReceiver", StackProps.builder()
                .env(Environment.builder().account("222222222222").region("us-east-1").build()).build());
        receiver.addDependency(sender);
        // The sender's invitation, in another account: its ARN as the rehearsal's emulator makes it (the
        // third invitation it creates, reproducible: tools/emulator/ids.ts), so that the accepter finds it.
        IConnectionInvitation imported = ConnectionInvitation.fromConnectionInvitationArn(receiver, "ImportedInvitation",
                "arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-Dm7ZpHIaCVAun");
        ConnectionInvitationAccepter.Builder.create(receiver, "Accepter")
                .invitation(imported)
                .cancelOnDelete(CancelOnDeleteOptions.builder().reason("The subsidiary left.").build())
                .build();
        Role connectionReader = Role.Builder.create(receiver, "ConnectionReader").assumedBy(new AccountRootPrincipal()).build();
        Connection.fromConnectionId(receiver, "ImportedConnection", "pac-0123456789abc", Catalog.SANDBOX).grantRead(connectionReader);

        app.synth();
    }
}
