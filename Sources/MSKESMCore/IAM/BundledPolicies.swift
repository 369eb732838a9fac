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

    /// The names `aws:<name>` accepts.
    package static let names = ["AWSLambdaMSKExecutionRole"]

    /// The bundled policy of that name (case-insensitive), or nil.
    package static func document(named name: String) -> PolicyDocument? {
        guard name.lowercased() == "awslambdamskexecutionrole" else { return nil }
        return try? PolicyDocumentReader.read(text: lambdaMSKExecutionRoleJSON, source: "AWSLambdaMSKExecutionRole")
    }
}
