Imports System
' <Load>
Sub Load()
    Console.WriteLine("vb")
End Sub
' </Load>
#Region "Extra"
Sub Extra()
End Sub
#End Region
