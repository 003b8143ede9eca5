using System;

namespace Demo
{
    // <snippet_Main>
    public class Program
    {
        #region Body
        static void Main()
        {
            Console.WriteLine("Hello");
        }
        #endregion
    }
    // </snippet_Main>

    // <Helper>
    internal static class Helper
    {
        // <Inner>
        public static int Two() => 2;
        // </Inner>
    }
    // </Helper>
}
