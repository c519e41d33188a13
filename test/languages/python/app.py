"""The smoke tests' app in Python: the same app as test/languages/reference-app.ts, line for line."""
import os

from aws_cdk import App, CfnOutput, Duration, RemovalPolicy, Stack
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sns as sns
from cdk_partnercentral import (Catalog, Connection, ConnectionInvitation, ConnectionInvitationAccepter, ConnectionType,
                                InvitationProvider)

app = App()

invitations = Stack(app, "PartnerInvitations")
partner = ConnectionInvitation(invitations, "PartnerInvitation",
    catalog=Catalog.SANDBOX,
    connection_type=ConnectionType.OPPORTUNITY_COLLABORATION,
    receiver_identifier="pprofile-0000example00",
    email="alliances@example.com",
    name="Pat Example",
    message="Example Corp would like to co-sell with you on opportunities.",
)
ConnectionInvitation(invitations, "SubsidiaryInvitation",
    catalog=Catalog.of("Sandbox"),
    connection_type=ConnectionType.SUBSIDIARY,
    receiver_identifier="111122223333",
    email="marketplace-seller@example.com",
    name="Pat Example",
    message="Please link this AWS Marketplace seller account.\nThank you!",
    removal_policy=RemovalPolicy.RETAIN,
    service_timeout=Duration.minutes(10),
    log_retention=logs.RetentionDays.ONE_MONTH,
)
CfnOutput(invitations, "PartnerInvitationArn", value=partner.connection_invitation_arn)

if os.environ.get("PARTNERCENTRAL_SMOKE_INVALID") == "1":
    ConnectionInvitation(invitations, "InvalidInvitation",
        catalog=Catalog.of("Prod!"),
        connection_type=ConnectionType.SUBSIDIARY,
        receiver_identifier="pprofile-0000example00",
        email="x",
        name="Pat Example",
        message="Hello",
    )

consumer = Stack(app, "PartnerConsumer")
CfnOutput(consumer, "PartnerInvitationId", value=partner.connection_invitation_id)
reader = iam.Role(consumer, "InvitationReader", assumed_by=iam.AccountRootPrincipal())
partner.grant_read(reader)

sender = Stack(app, "PartnerSender", env={"account": "111111111111", "region": "us-east-1"})
InvitationProvider.configure(sender, reserved_concurrent_executions=2)
subsidiary = ConnectionInvitation(sender, "SubsidiaryInvitation",
    catalog=Catalog.AWS,
    connection_type=ConnectionType.SUBSIDIARY,
    receiver_identifier="222222222222",
    email="marketplace-seller@example.com",
    name="Pat Example",
    message="Please link this AWS Marketplace seller account.",
)
operator = iam.Role(sender, "InvitationOperator", assumed_by=iam.AccountRootPrincipal())
subsidiary.grant(operator, "partnercentral:GetConnectionInvitation", "partnercentral:ListConnectionInvitations")
subsidiary.on_accepted("Accepted", target=targets.SnsTopic(sns.Topic(sender, "AcceptedTopic")))

receiver = Stack(app, "PartnerReceiver", env={"account": "222222222222", "region": "us-east-1"})
receiver.add_dependency(sender)
# The sender's invitation, in another account: its ARN as the rehearsal's emulator makes it (the
# third invitation it creates, reproducible: tools/emulator/ids.ts), so that the accepter finds it.
imported = ConnectionInvitation.from_connection_invitation_arn(receiver, "ImportedInvitation",
    "arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-Dm7ZpHIaCVAun")
ConnectionInvitationAccepter(receiver, "Accepter", invitation=imported, cancel_on_delete={"reason": "The subsidiary left."})
connection_reader = iam.Role(receiver, "ConnectionReader", assumed_by=iam.AccountRootPrincipal())
Connection.from_connection_id(receiver, "ImportedConnection", "pac-0123456789abc", Catalog.SANDBOX).grant_read(connection_reader)

app.synth()
