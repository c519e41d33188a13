"""
boto3 as a second real client of the emulator: every emulated operation and the errors a client
meets, over real HTTP with SigV4, through the environment `cdk-partnercentral emulator` prints
(the sender's client has no endpoint_url) and with endpoint_url and keys passed explicitly (the
receiver's). Prints one JSON document of what boto3 parsed; test/cli/emulator-command.boto3.test.ts
checks it. Datetimes are printed in Python's isoformat, so that a timestamp boto3 did not parse
into a datetime shows.
"""
import datetime, json, os, sys
try:
    import boto3, botocore
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as e:
    print(json.dumps({"missing": f"{e.name} is not installed"})); sys.exit(0)

out = {"boto3": boto3.__version__, "botocore": botocore.__version__}
config = Config(retries={"max_attempts": 1})
# The sender: everything from the environment the emulator command printed (no endpoint_url).
sender = boto3.client("partnercentral-account", config=config)
# The receiver: the endpoint and its keys passed explicitly.
receiver = boto3.client("partnercentral-account", config=config, region_name="us-east-1",
    endpoint_url=os.environ["AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT"],
    aws_access_key_id=os.environ["RECEIVER_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["RECEIVER_SECRET_ACCESS_KEY"])

def error(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        r = e.response
        return {"code": r["Error"]["Code"], "status": r["ResponseMetadata"]["HTTPStatusCode"], "reason": r.get("Reason"),
                "details": r.get("ErrorDetails"), "modeled": type(e).__name__}
    return None

def create(i, receiver_id, connection_type="OPPORTUNITY_COLLABORATION", catalog="Sandbox", **extra):
    args = dict(Catalog=catalog, ClientToken=f"boto3-{i}", ConnectionType=connection_type, Email="partner@example.com",
                Message=f"Shall we co-sell? ({i})", Name="Sam Partner", ReceiverIdentifier=receiver_id)
    args.update(extra)
    return sender.create_connection_invitation(**args)

def strip(d):
    return {k: v for k, v in d.items() if k != "ResponseMetadata"}

a = create(1, "pprofile-Receiver00001")
b = create(2, "222222222222", "SUBSIDIARY")
c = create(3, "pprofile-Elsewhere0001")
out["created"] = [strip(x) for x in (a, b, c)]
out["replayed"] = strip(create(1, "pprofile-Receiver00001"))["Id"]
out["get"] = strip(sender.get_connection_invitation(Catalog="Sandbox", Identifier=a["Id"]))
page1 = sender.list_connection_invitations(Catalog="Sandbox", MaxResults=2)
page2 = sender.list_connection_invitations(Catalog="Sandbox", MaxResults=2, NextToken=page1["NextToken"])
out["pages"] = [[s["Id"] for s in p["ConnectionInvitationSummaries"]] for p in (page1, page2)]
out["page_tokens"] = ["NextToken" in p for p in (page1, page2)]
out["summary_keys"] = sorted(page1["ConnectionInvitationSummaries"][0].keys())
out["can_paginate"] = sender.can_paginate("list_connection_invitations")
if out["can_paginate"]:
    out["paginated"] = [s["Id"] for p in sender.get_paginator("list_connection_invitations").paginate(Catalog="Sandbox", PaginationConfig={"PageSize": 1}) for s in p["ConnectionInvitationSummaries"]]
out["received"] = [(s["Id"], s["ParticipantType"], s["OtherParticipantIdentifier"]) for s in receiver.list_connection_invitations(Catalog="Sandbox", ParticipantType="RECEIVER")["ConnectionInvitationSummaries"]]
out["canceled"] = strip(sender.cancel_connection_invitation(Catalog="Sandbox", Identifier=c["Id"], ClientToken="boto3-cancel"))["Status"]
accepted = receiver.accept_connection_invitation(Catalog="Sandbox", Identifier=a["Id"], ClientToken="boto3-accept")["Connection"]
out["accepted"] = accepted
out["rejected"] = strip(receiver.reject_connection_invitation(Catalog="Sandbox", Identifier=b["Id"], ClientToken="boto3-reject", Reason="not now"))["Status"]
out["connection"] = strip(sender.get_connection(Catalog="Sandbox", Identifier=accepted["Id"]))
out["connections"] = [x["Id"] for x in sender.list_connections(Catalog="Sandbox")["ConnectionSummaries"]]
out["connection_canceled"] = strip(sender.cancel_connection(Catalog="Sandbox", Identifier=accepted["Id"], ConnectionType="OPPORTUNITY_COLLABORATION",
    Reason="done", ClientToken="boto3-cancel-connection"))["ConnectionTypes"]["OPPORTUNITY_COLLABORATION"]["Status"]
create(4, "pprofile-Elsewhere0002")
out["errors"] = {
    "validation": error(create, i=5, receiver_id="pprofile-Elsewhere0003", Email="not-an-email"),
    "conflict": error(create, i=6, receiver_id="pprofile-Elsewhere0002"),
    "token_conflict": error(create, i=1, receiver_id="pprofile-Elsewhere0009"),
    "not_found": error(sender.get_connection_invitation, Catalog="Sandbox", Identifier="pacinv-0000000000000"),
    "state": error(sender.cancel_connection_invitation, Catalog="Sandbox", Identifier=c["Id"], ClientToken="boto3-cancel-again"),
    "receiver_only": error(sender.accept_connection_invitation, Catalog="Sandbox", Identifier=c["Id"], ClientToken="boto3-accept-own"),
    "connection_not_found": error(sender.get_connection, Catalog="Sandbox", Identifier="pac-0000000000000"),
}
create(7, "pprofile-Elsewhere0004", catalog="AWS")
out["errors"]["quota"] = error(create, i=8, receiver_id="pprofile-Elsewhere0005", catalog="AWS")
wrong = boto3.client("partnercentral-account", config=config, aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key="not-the-secret")
out["errors"]["signature"] = error(wrong.list_connection_invitations, Catalog="Sandbox")
def encode(o):
    if isinstance(o, datetime.datetime):
        return {"datetime": o.isoformat()}
    raise TypeError(f"not JSON: {type(o).__name__}")

print(json.dumps(out, default=encode))
