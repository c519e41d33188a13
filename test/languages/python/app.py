"""The smoke tests' app in Python: the same app as test/languages/reference-app.ts, line for line."""
import os

from aws_cdk import App, CfnOutput, Duration, RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from cdk_partnercentral import Catalog, ConnectionInvitation, ConnectionType

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

app.synth()
