// The smoke tests' app in Go: the same app as test/languages/reference-app.ts, line for line.
package main

import (
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk-partnercentral/cdk-partnercentral-go/cdkpartnercentral"
)

func main() {
	defer jsii.Close()

	app := awscdk.NewApp(nil)

	invitations := awscdk.NewStack(app, jsii.String("PartnerInvitations"), nil)
	partner := cdkpartnercentral.NewConnectionInvitation(invitations, jsii.String("PartnerInvitation"), &cdkpartnercentral.ConnectionInvitationProps{
		Catalog:            cdkpartnercentral.Catalog_SANDBOX(),
		ConnectionType:     cdkpartnercentral.ConnectionType_OPPORTUNITY_COLLABORATION,
		ReceiverIdentifier: jsii.String("pprofile-0000example00"),
		Email:              jsii.String("alliances@example.com"),
		Name:               jsii.String("Pat Example"),
		Message:            jsii.String("Example Corp would like to co-sell with you on opportunities."),
	})
	cdkpartnercentral.NewConnectionInvitation(invitations, jsii.String("SubsidiaryInvitation"), &cdkpartnercentral.ConnectionInvitationProps{
		Catalog:            cdkpartnercentral.Catalog_Of(jsii.String("Sandbox")),
		ConnectionType:     cdkpartnercentral.ConnectionType_SUBSIDIARY,
		ReceiverIdentifier: jsii.String("111122223333"),
		Email:              jsii.String("marketplace-seller@example.com"),
		Name:               jsii.String("Pat Example"),
		Message:            jsii.String("Please link this AWS Marketplace seller account.\nThank you!"),
		RemovalPolicy:      awscdk.RemovalPolicy_RETAIN,
		ServiceTimeout:     awscdk.Duration_Minutes(jsii.Number(10)),
		LogRetention:       awslogs.RetentionDays_ONE_MONTH,
	})
	awscdk.NewCfnOutput(invitations, jsii.String("PartnerInvitationArn"), &awscdk.CfnOutputProps{Value: partner.ConnectionInvitationArn()})

	if os.Getenv("PARTNERCENTRAL_SMOKE_INVALID") == "1" {
		cdkpartnercentral.NewConnectionInvitation(invitations, jsii.String("InvalidInvitation"), &cdkpartnercentral.ConnectionInvitationProps{
			Catalog:            cdkpartnercentral.Catalog_Of(jsii.String("Prod!")),
			ConnectionType:     cdkpartnercentral.ConnectionType_SUBSIDIARY,
			ReceiverIdentifier: jsii.String("pprofile-0000example00"),
			Email:              jsii.String("x"),
			Name:               jsii.String("Pat Example"),
			Message:            jsii.String("Hello"),
		})
	}

	consumer := awscdk.NewStack(app, jsii.String("PartnerConsumer"), nil)
	awscdk.NewCfnOutput(consumer, jsii.String("PartnerInvitationId"), &awscdk.CfnOutputProps{Value: partner.ConnectionInvitationId()})
	reader := awsiam.NewRole(consumer, jsii.String("InvitationReader"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	partner.GrantRead(reader)

	sender := awscdk.NewStack(app, jsii.String("PartnerSender"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("us-east-1")},
	})
	cdkpartnercentral.InvitationProvider_Configure(sender, &cdkpartnercentral.InvitationProviderProps{ReservedConcurrentExecutions: jsii.Number(2)})
	subsidiary := cdkpartnercentral.NewConnectionInvitation(sender, jsii.String("SubsidiaryInvitation"), &cdkpartnercentral.ConnectionInvitationProps{
		Catalog:            cdkpartnercentral.Catalog_AWS(),
		ConnectionType:     cdkpartnercentral.ConnectionType_SUBSIDIARY,
		ReceiverIdentifier: jsii.String("222222222222"),
		Email:              jsii.String("marketplace-seller@example.com"),
		Name:               jsii.String("Pat Example"),
		Message:            jsii.String("Please link this AWS Marketplace seller account."),
	})
	operator := awsiam.NewRole(sender, jsii.String("InvitationOperator"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	subsidiary.Grant(operator, jsii.String("partnercentral:GetConnectionInvitation"), jsii.String("partnercentral:ListConnectionInvitations"))
	subsidiary.OnAccepted(jsii.String("Accepted"), &awsevents.OnEventOptions{
		Target: awseventstargets.NewSnsTopic(awssns.NewTopic(sender, jsii.String("AcceptedTopic"), nil), nil),
	})

	receiver := awscdk.NewStack(app, jsii.String("PartnerReceiver"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("222222222222"), Region: jsii.String("us-east-1")},
	})
	receiver.AddDependency(sender, nil)
	// The sender's invitation, in another account: its ARN as the rehearsal's emulator makes it (the
	// third invitation it creates, reproducible: tools/emulator/ids.ts), so that the accepter finds it.
	imported := cdkpartnercentral.ConnectionInvitation_FromConnectionInvitationArn(receiver, jsii.String("ImportedInvitation"),
		jsii.String("arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-Dm7ZpHIaCVAun"))
	cdkpartnercentral.NewConnectionInvitationAccepter(receiver, jsii.String("Accepter"), &cdkpartnercentral.ConnectionInvitationAccepterProps{
		Invitation:     imported,
		CancelOnDelete: &cdkpartnercentral.CancelOnDeleteOptions{Reason: jsii.String("The subsidiary left.")},
	})
	connectionReader := awsiam.NewRole(receiver, jsii.String("ConnectionReader"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	cdkpartnercentral.Connection_FromConnectionId(receiver, jsii.String("ImportedConnection"), jsii.String("pac-0123456789abc"),
		cdkpartnercentral.Catalog_SANDBOX()).GrantRead(connectionReader)

	app.Synth(nil)
}
