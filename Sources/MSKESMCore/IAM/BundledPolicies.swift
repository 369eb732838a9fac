/// AWS managed policies bundled with the tool, so that `policy check --policy aws:<name>` works offline.
package enum BundledPolicies {
    /// AWSLambdaMSKExecutionRole v2 (2022-08-02), docs/aws-facts.md#awslambdamskexecutionrole:
    /// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaMSKExecutionRole.html
    package static let lambdaMSKExecutionRoleJSON = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
        "kafka:DescribeCluster","kafka:DescribeClusterV2","kafka:GetBootstrapBrokers",
        "ec2:CreateNetworkInterface","ec2:DescribeNetworkInterfaces","ec2:DescribeVpcs",
        "ec2:DeleteNetworkInterface","ec2:DescribeSubnets","ec2:DescribeSecurityGroups",
        "logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}
        """

    /// AWSLambdaBasicExecutionRole, which SAM attaches to every function role it generates:
    /// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html
    package static let lambdaBasicExecutionRoleJSON = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
        "logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}
        """

    /// AWSLambdaVPCAccessExecutionRole, which SAM attaches to a generated role when the function has a VpcConfig:
    /// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html
    package static let lambdaVPCAccessExecutionRoleJSON = """
        {"Version":"2012-10-17","Statement":[{"Sid":"AWSLambdaVPCAccessExecutionPermissions","Effect":"Allow",
        "Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents","ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces","ec2:DescribeSubnets","ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses","ec2:UnassignPrivateIpAddresses"],"Resource":"*"}]}
        """

    /// Each bundled policy's name and JSON text: one table, so the names and the texts cannot drift apart.
    static let policies: [(name: String, json: String)] = [
        ("AWSLambdaMSKExecutionRole", lambdaMSKExecutionRoleJSON),
        ("AWSLambdaBasicExecutionRole", lambdaBasicExecutionRoleJSON),
        ("AWSLambdaVPCAccessExecutionRole", lambdaVPCAccessExecutionRoleJSON),
    ]

    /// The names `aws:<name>` accepts.
    package static let names = policies.map(\.name)

    /// The JSON text of the bundled policy of that name (case-insensitive), or nil.
    package static func json(named name: String) -> String? {
        policies.first { $0.name.lowercased() == name.lowercased() }?.json
    }

    /// The bundled policy of that name (case-insensitive), or nil.
    package static func document(named name: String) -> PolicyDocument? {
        guard let text = json(named: name) else { return nil }
        return try? PolicyDocumentReader.read(text: text, source: name)
    }
}
